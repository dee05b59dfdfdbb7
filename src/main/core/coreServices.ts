import type Database from 'better-sqlite3';
import type { AccountPublisher } from './office/accountPublisher';
import type { RegistryMarks } from './certificates/registryMarks';
import type { SigningKeys } from './certificates/signingKeys';
import type { NumberBlocks } from './certificates/numberBlocks';
import type { WorkingCalendar } from '../../shared/calendar/workingDays';
import type { AuditLog } from './audit/auditLog';
import type { UsersRepository } from './auth/usersRepository';
import type { Catalog } from './catalog/loadCatalog';
import type { CaseRecordStore } from './cases/caseRecordStore';
import type { CaseWriter } from './cases/caseWriter';
import type { Clock } from './clock';
import type { EventBus } from './eventBus';
import type { InboxQueries } from './inbox/inboxQueries';
import type { Outbox } from './sync/outbox';

/** What the feature modules built on top of cases share; assembled once in `createCore`. */
export interface CoreServices {
  db: Database.Database;
  dataDir: string;
  resourcesDir: string;
  clock: Clock;
  calendar: WorkingCalendar;
  catalog: Catalog;
  users: UsersRepository;
  audit: AuditLog;
  events: EventBus;
  outbox: Outbox;
  inbox: InboxQueries;
  records: CaseRecordStore;
  claimTimeoutMinutes: number;
  /** Every change a person makes to a case goes through it (access gate included). */
  writer: CaseWriter;
  log: (message: string, error?: unknown) => void;
  /** A case changed locally: tell the renderer and let the outbox push. */
  caseChanged(id: string): void;
  /** Once the desk is enrolled, account changes reach the office directory through it. */
  accounts: AccountPublisher;
  /** This desk's keys and every key the national registry brought. */
  keys: SigningKeys;
  /** Other desks' revoked and cancelled certificates (registry). */
  registryMarks: RegistryMarks;
  /** Certificate numbers reserved for this desk by the portal (enrolled desks). */
  numberBlocks: NumberBlocks;
  /** This desk's id once enrolled, else null (a desk alone). */
  deskId: () => string | null;
}
