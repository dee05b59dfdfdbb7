import { sql as init } from './001_init';
import { sql as inboxSearch } from './002_inbox_search';
import { sql as syncEngine } from './003_sync_engine';
import { sql as inboxSpeed } from './004_inbox_speed';
import { sql as caseReview } from './005_case_review';
import { sql as ingestSpeed } from './006_ingest_speed';
import { sql as slaClock } from './008_sla_clock';
import { sql as certificates } from './007_certificates';
import { sql as signIn } from './009_sign_in';
import { sql as assignment } from './010_assignment';
import { sql as dashboard } from './011_dashboard';
import { sql as administration } from './012_administration';
import { sql as installation } from './013_installation';
import { sql as hostilePortal } from './014_hostile_portal';
import { sql as portalChanges } from './015_portal_changes';
import { sql as holidayRecompute } from './016_holiday_recompute';
import { sql as deskIdentity } from './017_desk_identity';
import { sql as directory } from './018_directory';
import { sql as keyRegistry } from './019_key_registry';
import { sql as numberBlocks } from './020_number_blocks';
import { sql as leases } from './021_leases';
import { sql as sharedWork } from './022_shared_work';
import { sql as takeoverNotifications } from './023_takeover_notifications';
import { sql as provisionalActions } from './024_provisional_actions';
import { sql as downloadQueue } from './025_download_queue';
import { sql as officeSlaRunning } from './026_office_sla_running';
import { sql as auditCategoryLegacyCertificates } from './027_audit_category_legacy_certificates';
import { sql as linkedRecords } from './028_linked_records';
import { sql as dashboardTallies } from './029_dashboard_tallies';
import { sql as decisionLetters } from './030_decision_letters';
import { sql as textModules } from './031_text_modules';
import { sql as sharedTextModules } from './032_shared_text_modules';

export interface Migration {
  version: number;
  name: string;
  sql: string;
}

/** Ordered, append-only: a released migration is never edited, only followed by a new one. */
export const MIGRATIONS: readonly Migration[] = [
  { version: 1, name: 'init', sql: init },
  { version: 2, name: 'inbox_search', sql: inboxSearch },
  { version: 3, name: 'sync_engine', sql: syncEngine },
  { version: 4, name: 'inbox_speed', sql: inboxSpeed },
  { version: 5, name: 'case_review', sql: caseReview },
  { version: 6, name: 'ingest_speed', sql: ingestSpeed },
  { version: 7, name: 'certificates', sql: certificates },
  { version: 8, name: 'sla_clock', sql: slaClock },
  { version: 9, name: 'sign_in', sql: signIn },
  { version: 10, name: 'assignment', sql: assignment },
  { version: 11, name: 'dashboard', sql: dashboard },
  { version: 12, name: 'administration', sql: administration },
  { version: 13, name: 'installation', sql: installation },
  { version: 14, name: 'hostile_portal', sql: hostilePortal },
  { version: 15, name: 'portal_changes', sql: portalChanges },
  { version: 16, name: 'holiday_recompute', sql: holidayRecompute },
  { version: 17, name: 'desk_identity', sql: deskIdentity },
  { version: 18, name: 'directory', sql: directory },
  { version: 19, name: 'key_registry', sql: keyRegistry },
  { version: 20, name: 'number_blocks', sql: numberBlocks },
  { version: 21, name: 'leases', sql: leases },
  { version: 22, name: 'shared_work', sql: sharedWork },
  { version: 23, name: 'takeover_notifications', sql: takeoverNotifications },
  { version: 24, name: 'provisional_actions', sql: provisionalActions },
  { version: 25, name: 'download_queue', sql: downloadQueue },
  { version: 26, name: 'office_sla_running', sql: officeSlaRunning },
  { version: 27, name: 'audit_category_legacy_certificates', sql: auditCategoryLegacyCertificates },
  { version: 28, name: 'linked_records', sql: linkedRecords },
  { version: 29, name: 'dashboard_tallies', sql: dashboardTallies },
  { version: 30, name: 'decision_letters', sql: decisionLetters },
  { version: 31, name: 'text_modules', sql: textModules },
  { version: 32, name: 'shared_text_modules', sql: sharedTextModules },
];
