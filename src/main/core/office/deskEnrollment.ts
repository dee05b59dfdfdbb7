import { createHash, createPublicKey } from 'node:crypto';
import type Database from 'better-sqlite3';
import { z } from 'zod';
import type { DesksOverview, EnrollmentCode } from '../../../shared/api/officeTypes';
import type { CurrentUser } from '../../../shared/api/types';
import { DomainError, refusal } from '../api/domainError';
import type { ApiErrorCode } from '../../../shared/api/result';
import type { AuditLog } from '../audit/auditLog';
import type { DirectoryReplica } from '../auth/directoryReplica';
import type { SigningKeys } from '../certificates/signingKeys';
import { keyIdFor } from '../certificates/qrPayload';
import type { Clock } from '../clock';
import {
  PortalResponseError,
  PortalUnreachableError,
  type PortalClient,
} from '../sync/portalClient';
import type { PortalVersion } from '../sync/portalVersion';
import { DESK_ID, type DeskFileStore } from './deskFile';
import type { DeskRegistry } from './deskRegistry';
import { blockSchema, type NumberBlocks } from '../certificates/numberBlocks';

/**
 * Desk enrollment (design multi-desk §3.3): the first desk of an office publishes its accounts and
 * key; further desks join with a one-time code an administrator shows on an enrolled desk. The
 * desk's private key never leaves it; the portal's desk token goes to `desk/desk.json` only.
 */

const isoTime = z.string().datetime({ offset: true });
const enrolledAnswer = z.object({
  desk: z.object({
    id: z.string().regex(DESK_ID),
    officeCode: z.string().regex(/^[A-Z]{2,10}$/),
    label: z.string().max(60),
    keyId: z.string().max(40),
    enrolledAt: isoTime,
  }),
  deskToken: z.string().regex(/^dt_[A-Za-z0-9_-]{20,128}$/),
  blocks: z.array(blockSchema).max(500),
});
const codeAnswer = z.object({
  code: z.string().regex(/^[0-9A-Z]{4}-[0-9A-Z]{4}-[0-9A-Z]{4}$/),
  label: z.string().max(60),
  expiresAt: isoTime,
});
const desksAnswer = z.object({
  directorySequence: z.number().int().nonnegative().nullable().optional(),
  desks: z
    .array(
      z.object({
        id: z.string().regex(DESK_ID),
        label: z.string().max(60),
        keyId: z.string().max(40).nullable(),
        enrolledAt: isoTime,
        lastContactAt: isoTime.nullable(),
        directorySequence: z.number().int().nonnegative().nullable(),
        appVersion: z.string().max(40).nullable(),
        pendingActions: z.number().int().nonnegative().nullable(),
        failedActions: z.number().int().nonnegative().nullable().optional(),
        retiredAt: isoTime.nullable(),
      }),
    )
    .max(500),
});

/** Our own sentences for the refusals a person can act on (design §8); others keep the portal's. */
const REFUSALS: Record<string, (officeCode: string, code: ApiErrorCode) => DomainError> = {
  enrollment_code_invalid: (office, code) =>
    refusal(code, 'enrollmentCodeUnknown', { office }, 'code'),
  enrollment_code_expired: (_office, code) => refusal(code, 'enrollmentCodeExpired', {}, 'code'),
  enrollment_code_used: (_office, code) => refusal(code, 'enrollmentCodeUsed', {}, 'code'),
  office_has_desks: (office, code) => refusal(code, 'officeHasDesks', { office }),
  rate_limited: (_office, code) => refusal(code, 'enrollmentRateLimited', {}),
};

function portalRefusal(error: unknown, officeCode: string): never {
  if (error instanceof PortalUnreachableError) {
    throw refusal('unavailable', 'enrollmentNeedsPortal', {});
  }
  if (error instanceof PortalResponseError) {
    const ours = error.code ? REFUSALS[error.code] : undefined;
    const code = error.status >= 500 || error.garbled ? 'unavailable' : 'conflict';
    throw ours ? ours(officeCode, code) : new DomainError(code, error.message);
  }
  throw error;
}

function checkedAnswer<T>(schema: z.ZodType<T>, body: unknown): T {
  const parsed = schema.safeParse(body);
  if (!parsed.success) {
    throw refusal('unavailable', 'enrollmentAnswerUnreadable', {});
  }
  return parsed.data;
}

interface AccountRow {
  id: string;
  username: string;
  display_name: string;
  role: string;
  office_code: string;
  password_hash: string | null;
  active: number;
  must_change_password: number;
  procedure_codes: string | null;
  password_set_at: string | null;
}

export function createDeskEnrollment(deps: {
  db: Database.Database;
  portal: PortalClient;
  version: PortalVersion;
  registry: DeskRegistry;
  deskFile: DeskFileStore;
  keys: SigningKeys;
  audit: AuditLog;
  clock: Clock;
  trainingMode: boolean;
  replica: DirectoryReplica;
  blocks: NumberBlocks;
  /** After enrolling: the directory (and the rest) at once. */
  requestSync: () => void;
}) {
  const { db, portal, version, registry, deskFile, keys, audit, clock } = deps;
  const accounts = db.prepare<[string], AccountRow>(
    `SELECT id, username, display_name, role, office_code, password_hash, active,
            must_change_password, procedure_codes, password_set_at
       FROM users WHERE office_code = ? ORDER BY username`,
  );
  const countCertificates = db.prepare<[], number>('SELECT count(*) FROM certificates').pluck();
  const countAccounts = db.prepare<[], number>('SELECT count(*) FROM users').pluck();

  async function portalEnrolls(): Promise<boolean> {
    try {
      await version.check();
    } catch (error) {
      portalRefusal(error, registry.identity().officeCode);
    }
    return version.supports('desks');
  }

  function refuseUnlessEnrollable(): void {
    if (deps.trainingMode) {
      throw refusal('forbidden', 'enrollmentInTraining', {});
    }
    if (registry.identity().mode === 'office') {
      const desk = registry.identity();
      throw refusal('conflict', 'deskAlreadyEnrolled', {
        desk: desk.deskId ?? '',
        office: desk.officeCode,
      });
    }
  }

  async function requireEnrollingPortal(): Promise<void> {
    if (!(await portalEnrolls())) {
      throw refusal('unavailable', 'portalV1Only', {});
    }
  }

  /** Writes `desk.json` first, then the database: a crash in between replays the enrollment. */
  function recordEnrollment(
    answer: z.infer<typeof enrolledAnswer>,
    keyId: string,
    actor: CurrentUser | null,
  ): void {
    if (answer.desk.keyId !== keyId) {
      throw new DomainError(
        'unavailable',
        `Le portail a enregistré la clé ${answer.desk.keyId} au lieu de ${keyId} : inscription abandonnée, signalez-le au ministère.`,
      );
    }
    deskFile.write({
      deskId: answer.desk.id,
      officeCode: answer.desk.officeCode,
      deskToken: answer.deskToken,
    });
    db.transaction(() => {
      registry.recordEnrollment({
        deskId: answer.desk.id,
        officeCode: answer.desk.officeCode,
        label: answer.desk.label,
        keyId,
        enrolledAt: answer.desk.enrolledAt,
      });
      // The first desk published every local account as version 1 of the directory.
      if (actor) deps.replica.markAllPublished();
      deps.blocks.receive(answer.blocks, clock.now().toISOString());
      audit.append({
        at: clock.now().toISOString(),
        actorId: actor?.id ?? null,
        officeCode: answer.desk.officeCode,
        action: 'desk.enrolled',
        entityType: 'desk',
        entityId: answer.desk.id,
        summary: { label: answer.desk.label, keyId },
      });
    })();
  }

  /** Idempotency key of an enrollment: the same attempt after a lost answer replays the first. */
  const attemptKey = (...parts: string[]) =>
    `enroll-${createHash('sha256').update(parts.join('\n')).digest('hex').slice(0, 32)}`;

  async function refreshDesks(): Promise<void> {
    const desk = registry.identity();
    if (desk.mode !== 'office') return;
    const body = await portal.v2({
      method: 'GET',
      path: `offices/${encodeURIComponent(desk.officeCode)}/desks`,
      as: 'desk',
    });
    registry.replaceDesks(
      checkedAnswer(desksAnswer, body).desks.map((item) => ({
        ...item,
        failedActions: item.failedActions ?? null,
      })),
    );
  }

  function ownKey(officeCode: string): { keyId: string; publicKeyPem: string } {
    const key = keys.officeKey(officeCode, clock.now().toISOString());
    const publicKeyPem = createPublicKey(key.privateKey).export({
      type: 'spki',
      format: 'pem',
    }) as string;
    return { keyId: keyIdFor(officeCode, createPublicKey(publicKeyPem)), publicKeyPem };
  }

  return {
    async overview(): Promise<DesksOverview> {
      let enrolls = version.supports('desks');
      try {
        if (version.needsCheck()) enrolls = await portalEnrolls();
        await refreshDesks();
      } catch {
        // Offline: the last list and the last answer stay on screen.
      }
      const desk = registry.identity();
      const own = accounts.all(desk.officeCode);
      return {
        desk: { ...desk, portalEnrolls: enrolls },
        desks: registry.desks(),
        toPublish:
          desk.mode === 'single'
            ? {
                accounts: own.length,
                keys: keys.list().filter((key) => key.officeCode === desk.officeCode).length || 1,
                certificates: countCertificates.get() ?? 0,
              }
            : null,
        trainingMode: deps.trainingMode,
      };
    },

    /**
     * « Faire de ce poste le premier poste du bureau »: an existing desk publishes every account of
     * its office (same ids, scrypt verifiers, never a password) and its key (design §5.3).
     */
    async enrollFirst(actor: CurrentUser, label: string): Promise<DesksOverview['desk']> {
      refuseUnlessEnrollable();
      await requireEnrollingPortal();
      const officeCode = registry.identity().officeCode;
      const { keyId, publicKeyPem } = ownKey(officeCode);
      const rows = accounts.all(officeCode);
      const self = rows.find((row) => row.id === actor.id);
      if (!self?.password_hash) {
        throw new DomainError('forbidden', "Votre compte n'a pas de mot de passe sur ce poste.");
      }
      const legacyAccounts = rows
        .filter((row) => row.id !== actor.id)
        .map((row) => ({
          id: row.id,
          username: row.username,
          displayName: row.display_name,
          role: row.role,
          officeCode: row.office_code,
          procedureCodes: row.procedure_codes
            ? (JSON.parse(row.procedure_codes) as string[])
            : null,
          active: row.active === 1 && row.password_hash !== null,
          verifier: row.password_hash,
          mustChangePassword: row.must_change_password === 1,
          passwordSetAt: row.password_set_at,
        }));
      const body = {
        mode: 'first',
        officeCode,
        label,
        publicKeyPem,
        administrator: {
          id: self.id,
          username: self.username,
          displayName: self.display_name,
          verifier: self.password_hash,
        },
        legacy: {
          accounts: legacyAccounts,
          keys: keys
            .list()
            .filter((key) => key.officeCode === officeCode && key.keyId !== keyId)
            .map((key) => ({
              keyId: key.keyId,
              publicKeyPem: key.publicKeyPem,
              createdAt: key.createdAt,
            })),
          certificates: countCertificates.get() ?? 0,
        },
      };
      let answer: unknown;
      try {
        answer = await portal.v2({
          method: 'POST',
          path: 'desks',
          body,
          idempotencyKey: attemptKey('first', officeCode, keyId, label),
          as: 'portal',
        });
      } catch (error) {
        portalRefusal(error, officeCode);
      }
      recordEnrollment(checkedAnswer(enrolledAnswer, answer), keyId, actor);
      await refreshDesks().catch(() => undefined);
      deps.requestSync();
      return { ...registry.identity(), portalEnrolls: true };
    },

    /**
     * « Rejoindre un bureau »: a new desk (no accounts yet) joins with a code; its accounts arrive
     * with the office directory at the sync that follows.
     */
    async join(input: {
      officeCode: string;
      code: string;
      label: string;
    }): Promise<DesksOverview['desk']> {
      refuseUnlessEnrollable();
      if ((countAccounts.get() ?? 0) > 0) {
        throw refusal('forbidden', 'deskHasAccounts', {});
      }
      await requireEnrollingPortal();
      const { keyId, publicKeyPem } = ownKey(input.officeCode);
      let answer: unknown;
      try {
        answer = await portal.v2({
          method: 'POST',
          path: 'desks',
          body: {
            mode: 'join',
            officeCode: input.officeCode,
            enrollmentCode: input.code,
            label: input.label,
            publicKeyPem,
            legacy: null,
          },
          idempotencyKey: attemptKey('join', input.officeCode, input.code, keyId, input.label),
          as: 'portal',
        });
      } catch (error) {
        portalRefusal(error, input.officeCode);
      }
      recordEnrollment(checkedAnswer(enrolledAnswer, answer), keyId, null);
      await refreshDesks().catch(() => undefined);
      deps.requestSync();
      return { ...registry.identity(), portalEnrolls: true };
    },

    /** A one-time code for another desk, valid 30 minutes (shown once, never stored here). */
    async issueCode(actor: CurrentUser, label: string): Promise<EnrollmentCode> {
      const desk = registry.identity();
      if (desk.mode !== 'office') {
        throw refusal('conflict', 'deskNotEnrolled', {});
      }
      let answer: unknown;
      try {
        answer = await portal.v2({
          method: 'POST',
          path: `offices/${encodeURIComponent(desk.officeCode)}/enrollment-codes`,
          body: { actor: { id: actor.id, displayName: actor.displayName }, label },
          as: 'desk',
        });
      } catch (error) {
        portalRefusal(error, desk.officeCode);
      }
      const code = checkedAnswer(codeAnswer, answer);
      audit.append({
        at: clock.now().toISOString(),
        actorId: actor.id,
        officeCode: desk.officeCode,
        action: 'desk.enrollment_code_issued',
        entityType: 'desk',
        entityId: null,
        summary: { label: code.label, expiresAt: code.expiresAt },
      });
      return code;
    },

    refreshDesks,
  };
}
export type DeskEnrollment = ReturnType<typeof createDeskEnrollment>;
