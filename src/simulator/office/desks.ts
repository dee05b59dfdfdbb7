import { createHash, createPublicKey, randomBytes, type KeyObject } from 'node:crypto';
import { DEFAULT_LIMITS, type PortalLimits } from './capabilities';
import { DESK_TOKEN_PREFIX, deskTokenHash, type DeskTokenLookup } from './deskAuth';
import {
  changeAccount,
  createAccount,
  directoryPage,
  putAccount,
  type AccountChange,
  type DirectoryPage,
  type NewAccount,
} from './directory';
import { enrollmentCodeHash, newEnrollmentCode } from './enrollmentCodes';
import { createCertificateRegistry } from './certificateRegistry';
import { createNumbering, type BlockAnswer, type NumberingProcedure } from './numbering';
import { createRegistry, type KeyRevocationReason, type RegistryKey } from './registry';

/**
 * The simulator's offices (design multi-desk §3.3–3.4), in memory like the rest of the simulator:
 * per office its desks, its staff directory (accounts with their scrypt verifiers), its one-time
 * enrollment codes (SHA-256 only), its registered public keys and its directory sequence.
 *
 * Operations answer either their result or a `Refusal` (status, code, French message) that the
 * routes turn into the v2 error envelope.
 */

export type DirectoryRole = 'agent' | 'superviseur' | 'administrateur';

export interface Actor {
  id: string;
  displayName: string;
}

/** A directory item as served by the directory feed (§3.4). */
export interface DirectoryAccount {
  id: string;
  version: number;
  sequence: number;
  username: string;
  displayName: string;
  role: DirectoryRole;
  officeCode: string;
  procedureCodes: string[] | null;
  active: boolean;
  verifier: string | null;
  mustChangePassword: boolean;
  passwordSetAt: string | null;
  updatedAt: string;
  updatedBy: Actor | null;
  updatedOnDesk: string | null;
}

export interface DeskStatus {
  appVersion: string | null;
  directorySequence: number | null;
  activityCursor: string | null;
  pendingActions: number;
  failedActions: number;
}

export interface Desk extends DeskStatus {
  id: string;
  officeCode: string;
  label: string;
  keyId: string;
  publicKeyPem: string;
  enrolledAt: string;
  lastContactAt: string | null;
  retiredAt: string | null;
  retiredBy: Actor | null;
  retiredReason: string | null;
  tokenSha256: string;
}

export interface RegisteredKey {
  keyId: string;
  publicKeyPem: string;
  createdAt: string;
  deskId: string;
  registeredAt: string;
}

interface EnrollmentCode {
  sha256: string;
  label: string;
  createdAt: string;
  expiresAt: string;
  createdBy: Actor;
  createdOnDesk: string;
  usedAt: string | null;
  usedByDesk: string | null;
  cancelledAt: string | null;
}

interface Office {
  code: string;
  desks: Desk[];
  accounts: Map<string, DirectoryAccount>;
  codes: EnrollmentCode[];
  keys: RegisteredKey[];
  directorySequence: number;
  /** When wrong enrollment codes were tried (ms), for the 5-per-15-min limit. */
  wrongCodeAttempts: number[];
  legacyCertificates: number;
}

export interface Refusal {
  refused: true;
  status: number;
  code: string;
  message: string;
  details?: Record<string, unknown>;
  headers?: Record<string, string>;
}

export function refusal(
  status: number,
  code: string,
  message: string,
  details?: Record<string, unknown>,
  headers?: Record<string, string>,
): Refusal {
  return {
    refused: true,
    status,
    code,
    message,
    ...(details ? { details } : {}),
    ...(headers ? { headers } : {}),
  };
}

export function isRefusal(value: unknown): value is Refusal {
  return typeof value === 'object' && value !== null && (value as Refusal).refused === true;
}

/** What an enrollment carries (already validated by the route). */
export interface LegacyAccount {
  id: string;
  username: string;
  displayName: string;
  role: DirectoryRole;
  officeCode: string;
  procedureCodes: string[] | null;
  active: boolean;
  verifier: string | null;
  mustChangePassword: boolean;
  passwordSetAt: string | null;
}

export interface EnrollmentRequest {
  mode: 'first' | 'join';
  officeCode: string;
  label: string;
  publicKeyPem: string;
  administrator?: { id: string; username: string; displayName: string; verifier: string };
  enrollmentCode?: string;
  legacy: null | {
    accounts: LegacyAccount[];
    keys: { keyId: string; publicKeyPem: string; createdAt: string }[];
    certificates: number;
  };
}

/** The public view of a desk in `GET /offices/:office/desks` and `retire`. */
export interface DeskView {
  id: string;
  officeCode: string;
  label: string;
  keyId: string;
  enrolledAt: string;
  lastContactAt: string | null;
  directorySequence: number | null;
  appVersion: string | null;
  pendingActions: number;
  failedActions: number;
  retiredAt: string | null;
}

export const WRONG_CODE_LIMIT = 5;
export const WRONG_CODE_WINDOW_MINUTES = 15;
export const MAX_OPEN_CODES = 5;

/**
 * `LOM-3f9a1c2e`: the office code, then the first 8 hex digits of the SHA-256 of the public key's
 * SPKI DER bytes. The same computation as Bureau's `keyIdFor` (src/main/core/certificates/
 * qrPayload.ts), reimplemented here because the simulator does not import from src/main.
 */
export function keyIdOf(officeCode: string, publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return `${officeCode}-${createHash('sha256').update(der).digest('hex').slice(0, 8)}`;
}

/** The Ed25519 public key in `pem`, or null when it is not one. */
export function ed25519PublicKey(pem: string): KeyObject | null {
  try {
    const key = createPublicKey(pem);
    return key.type === 'public' && key.asymmetricKeyType === 'ed25519' ? key : null;
  } catch {
    return null;
  }
}

export function deskView(desk: Desk): DeskView {
  return {
    id: desk.id,
    officeCode: desk.officeCode,
    label: desk.label,
    keyId: desk.keyId,
    enrolledAt: desk.enrolledAt,
    lastContactAt: desk.lastContactAt,
    directorySequence: desk.directorySequence,
    appVersion: desk.appVersion,
    pendingActions: desk.pendingActions,
    failedActions: desk.failedActions,
    retiredAt: desk.retiredAt,
  };
}

export function createOfficeStore(
  now: () => Date,
  limits: Pick<
    PortalLimits,
    'enrollmentCodeMinutes' | 'blockSize' | 'maxOpenBlocks'
  > = DEFAULT_LIMITS,
  /** The catalog's procedures (code, certificate number prefix): the number blocks' series. */
  procedures: readonly NumberingProcedure[] = [],
) {
  const offices = new Map<string, Office>();
  const desksByTokenHash = new Map<string, Desk>();
  const desksById = new Map<string, Desk>();
  const registry = createRegistry();
  const numbering = createNumbering(now, procedures, limits);
  const certificates = createCertificateRegistry(now, registry, numbering);

  function officeOf(code: string): Office {
    let office = offices.get(code);
    if (!office) {
      office = {
        code,
        desks: [],
        accounts: new Map(),
        codes: [],
        keys: [],
        directorySequence: 0,
        wrongCodeAttempts: [],
        legacyCertificates: 0,
      };
      offices.set(code, office);
    }
    return office;
  }

  function accountById(id: string): DirectoryAccount | undefined {
    for (const office of offices.values()) {
      const account = office.accounts.get(id);
      if (account) return account;
    }
    return undefined;
  }

  function usernameOwner(username: string): DirectoryAccount | undefined {
    for (const office of offices.values()) {
      for (const account of office.accounts.values()) {
        if (account.username === username) return account;
      }
    }
    return undefined;
  }

  function keyOwner(keyId: string): RegisteredKey | undefined {
    for (const office of offices.values()) {
      const found = office.keys.find((key) => key.keyId === keyId);
      if (found) return found;
    }
    return undefined;
  }

  function openCodes(office: Office, nowMs: number): EnrollmentCode[] {
    return office.codes.filter(
      (code) => !code.usedAt && !code.cancelledAt && Date.parse(code.expiresAt) > nowMs,
    );
  }

  /** The refusal for a join's code, or the code to use. Wrong codes are counted. */
  function checkJoinCode(office: Office, typed: string, nowMs: number): EnrollmentCode | Refusal {
    const windowMs = WRONG_CODE_WINDOW_MINUTES * 60_000;
    office.wrongCodeAttempts = office.wrongCodeAttempts.filter((at) => at > nowMs - windowMs);
    if (office.wrongCodeAttempts.length >= WRONG_CODE_LIMIT) {
      const oldest = office.wrongCodeAttempts[0] as number;
      const retryAfter = Math.max(1, Math.ceil((oldest + windowMs - nowMs) / 1000));
      return refusal(
        429,
        'rate_limited',
        `Trop de codes d'inscription erronés pour le bureau ${office.code} : réessayez dans ${Math.ceil(retryAfter / 60)} min.`,
        { retryAfterSeconds: retryAfter },
        { 'retry-after': String(retryAfter) },
      );
    }
    const sha256 = enrollmentCodeHash(typed);
    const code = office.codes.find((candidate) => candidate.sha256 === sha256);
    if (!code || code.cancelledAt) {
      office.wrongCodeAttempts.push(nowMs);
      return refusal(
        403,
        'enrollment_code_invalid',
        `Code d'inscription inconnu pour le bureau ${office.code} : vérifiez-le ou demandez-en un nouveau à un administrateur.`,
      );
    }
    if (code.usedAt) {
      return refusal(409, 'enrollment_code_used', 'Ce code a déjà servi : demandez-en un nouveau.');
    }
    if (Date.parse(code.expiresAt) <= nowMs) {
      return refusal(
        410,
        'enrollment_code_expired',
        `Ce code a expiré (valable ${limits.enrollmentCodeMinutes} minutes) : demandez-en un nouveau.`,
        { expiresAt: code.expiresAt },
      );
    }
    return code;
  }

  /** The actor as an active administrateur of `office`, or `403 actor_not_allowed`. */
  function checkAdministrator(office: Office, actor: Actor): Refusal | null {
    const account = office.accounts.get(actor.id);
    if (!account || !account.active || account.role !== 'administrateur') {
      return refusal(
        403,
        'actor_not_allowed',
        `Action réservée à un administrateur actif du bureau ${office.code} : ${actor.displayName} ne l'est pas dans l'annuaire du portail.`,
        { actorId: actor.id },
      );
    }
    return null;
  }

  /**
   * The office an administrator acts for from one of its desks: the caller's desk must belong to
   * it and the actor be one of its active administrators.
   */
  function administeredOffice(deskId: string, officeCode: string, actor: Actor): Office | Refusal {
    const desk = deskOfOffice(deskId, officeCode);
    if (isRefusal(desk)) return desk;
    const office = officeOf(officeCode);
    return checkAdministrator(office, actor) ?? office;
  }

  /** The caller's desk when it belongs to `officeCode`, else `403 forbidden`. */
  function deskOfOffice(deskId: string, officeCode: string): Desk | Refusal {
    const desk = desksById.get(deskId);
    if (!desk || desk.retiredAt || desk.officeCode !== officeCode) {
      return refusal(
        403,
        'forbidden',
        `Ce poste n'appartient pas au bureau ${officeCode} : il ne peut pas agir pour lui.`,
      );
    }
    return desk;
  }

  const lookup: DeskTokenLookup = {
    byTokenHash(sha256) {
      const desk = desksByTokenHash.get(sha256);
      return desk ? { deskId: desk.id, retired: desk.retiredAt !== null } : null;
    },
  };

  return {
    /** The `DeskTokenLookup` for `authenticateV2`. */
    lookup,
    /** The national key registry and its feed (§3.5). */
    registry,
    /** Certificate number blocks (§4). */
    numbering,
    /** The certificate registry (§3.6). */
    certificates,

    /** An account of `officeCode`'s directory (active or not), if any. */
    account(officeCode: string, id: string): DirectoryAccount | undefined {
      return offices.get(officeCode)?.accounts.get(id);
    },

    /** The caller's desk when it is enrolled and not retired, else `403 forbidden`. */
    activeDesk(deskId: string): Desk | Refusal {
      const desk = desksById.get(deskId);
      if (!desk || desk.retiredAt) return refusal(403, 'forbidden', 'Poste inconnu ou retiré.');
      return desk;
    },

    /** `POST /keys`: a rotation key for the calling desk, registered by an administrator. */
    registerKey(
      deskId: string,
      actor: Actor,
      publicKeyPem: string,
    ): { keyId: string; registeredAt: string } | Refusal {
      const desk = desksById.get(deskId);
      if (!desk || desk.retiredAt) return refusal(403, 'forbidden', 'Poste inconnu ou retiré.');
      const office = officeOf(desk.officeCode);
      const notAllowed = checkAdministrator(office, actor);
      if (notAllowed) return notAllowed;
      const publicKey = ed25519PublicKey(publicKeyPem);
      if (!publicKey) {
        return refusal(
          400,
          'validation_failed',
          "publicKeyPem : ce n'est pas une clé publique Ed25519 au format PEM (SPKI).",
          { issues: [{ path: 'publicKeyPem', message: 'clé Ed25519 attendue' }] },
        );
      }
      const keyId = keyIdOf(desk.officeCode, publicKey);
      const taken = keyOwner(keyId);
      if (taken) {
        return refusal(
          409,
          'key_taken',
          `La clé ${keyId} est déjà inscrite pour le poste ${taken.deskId} : générez une nouvelle clé pour ce poste.`,
          { keyId, deskId: taken.deskId },
        );
      }
      const registeredAt = now().toISOString();
      office.keys.push({ keyId, publicKeyPem, createdAt: registeredAt, deskId, registeredAt });
      registry.registerKey({
        keyId,
        officeCode: desk.officeCode,
        deskId,
        publicKeyPem,
        at: registeredAt,
      });
      // The desk signs with its newest key from now on; its older keys keep verifying.
      desk.keyId = keyId;
      desk.publicKeyPem = publicKeyPem;
      return { keyId, registeredAt };
    },

    /** `POST /keys/:keyId/revoke`: a key of the caller's office, by one of its administrators. */
    revokeKey(
      deskId: string,
      actor: Actor,
      keyId: string,
      reason: KeyRevocationReason,
      compromisedSince: string | null,
    ): { key: RegistryKey } | Refusal {
      const desk = desksById.get(deskId);
      if (!desk || desk.retiredAt) return refusal(403, 'forbidden', 'Poste inconnu ou retiré.');
      const office = officeOf(desk.officeCode);
      const notAllowed = checkAdministrator(office, actor);
      if (notAllowed) return notAllowed;
      const key = registry.key(keyId);
      if (!key) {
        return refusal(404, 'key_not_found', `Clé inconnue du portail : ${keyId}.`, { keyId });
      }
      if (key.officeCode !== desk.officeCode) {
        return refusal(
          403,
          'forbidden',
          `La clé ${keyId} appartient au bureau ${key.officeCode} : seul un administrateur de ce bureau peut la révoquer.`,
          { keyId, officeCode: key.officeCode },
        );
      }
      const revoked = registry.revokeKey(keyId, reason, compromisedSince, now().toISOString());
      return { key: revoked as RegistryKey };
    },

    desk(deskId: string): Desk | undefined {
      return desksById.get(deskId);
    },

    /** Whether the office works with several desks: one enrolled desk not retired is enough. */
    isEnrolled(officeCode: string): boolean {
      return offices.get(officeCode)?.desks.some((desk) => desk.retiredAt === null) ?? false;
    },

    enroll(
      request: EnrollmentRequest,
    ):
      | { desk: Desk; deskToken: string; accounts: DirectoryAccount[]; blocks: BlockAnswer[] }
      | Refusal {
      const publicKey = ed25519PublicKey(request.publicKeyPem);
      if (!publicKey) {
        return refusal(
          400,
          'validation_failed',
          "publicKeyPem : ce n'est pas une clé publique Ed25519 au format PEM (SPKI).",
          { issues: [{ path: 'publicKeyPem', message: 'clé Ed25519 attendue' }] },
        );
      }
      for (const [index, key] of (request.legacy?.keys ?? []).entries()) {
        const legacyKey = ed25519PublicKey(key.publicKeyPem);
        const fingerprint = legacyKey ? keyIdOf('X', legacyKey).slice(2) : null;
        if (!fingerprint || !key.keyId.endsWith(`-${fingerprint}`)) {
          const path = `legacy.keys.${index}`;
          return refusal(
            400,
            'validation_failed',
            `${path} : clé Ed25519 attendue, dont l'empreinte est celle de ${key.keyId}.`,
            { issues: [{ path, message: 'clé Ed25519 et identifiant concordants attendus' }] },
          );
        }
      }
      const keyId = keyIdOf(request.officeCode, publicKey);
      const taken = keyOwner(keyId);
      if (taken) {
        return refusal(
          409,
          'key_taken',
          `La clé ${keyId} est déjà inscrite pour le poste ${taken.deskId} : générez une nouvelle clé pour ce poste.`,
          { keyId, deskId: taken.deskId },
        );
      }
      const existing = offices.get(request.officeCode);
      const at = now();
      const nowMs = at.getTime();
      let code: EnrollmentCode | null = null;

      if (request.mode === 'first') {
        if (existing && existing.desks.some((desk) => !desk.retiredAt)) {
          return refusal(
            409,
            'office_has_desks',
            `Le bureau ${request.officeCode} a déjà des postes : demandez un code d'inscription à un administrateur du bureau.`,
          );
        }
        const administrator = request.administrator as NonNullable<
          EnrollmentRequest['administrator']
        >;
        const usernames = [administrator, ...(request.legacy?.accounts ?? [])].map((account) => ({
          id: account.id,
          username: account.username,
        }));
        for (const { id, username } of usernames) {
          const owner = usernameOwner(username);
          if (owner && owner.id !== id) {
            return refusal(
              409,
              'username_taken',
              `L'identifiant « ${username} » est déjà utilisé par un autre compte du pays : changez-le avant d'inscrire ce poste.`,
              { username },
            );
          }
        }
      } else {
        if (!existing) {
          // An office with no desk has no code: the attempt counts as a wrong code.
          const office = officeOf(request.officeCode);
          const checked = checkJoinCode(office, request.enrollmentCode ?? '', nowMs);
          if (isRefusal(checked)) return checked;
        } else {
          const checked = checkJoinCode(existing, request.enrollmentCode ?? '', nowMs);
          if (isRefusal(checked)) return checked;
          code = checked;
        }
      }

      const office = officeOf(request.officeCode);
      const deskId = `${office.code}-${String(office.desks.length + 1).padStart(2, '0')}`;
      const deskToken = `${DESK_TOKEN_PREFIX}${randomBytes(32).toString('base64url')}`;
      const stamp = at.toISOString();
      const desk: Desk = {
        id: deskId,
        officeCode: office.code,
        label: request.label,
        keyId,
        publicKeyPem: request.publicKeyPem,
        enrolledAt: stamp,
        lastContactAt: stamp,
        appVersion: null,
        directorySequence: null,
        activityCursor: null,
        pendingActions: 0,
        failedActions: 0,
        retiredAt: null,
        retiredBy: null,
        retiredReason: null,
        tokenSha256: deskTokenHash(deskToken),
      };
      if (code) {
        code.usedAt = stamp;
        code.usedByDesk = deskId;
      }
      office.desks.push(desk);
      desksById.set(desk.id, desk);
      desksByTokenHash.set(desk.tokenSha256, desk);

      const accounts: DirectoryAccount[] = [];
      if (request.mode === 'first') {
        const administrator = request.administrator as NonNullable<
          EnrollmentRequest['administrator']
        >;
        const actor = { id: administrator.id, displayName: administrator.displayName };
        for (const legacy of request.legacy?.accounts ?? []) {
          accounts.push(
            putAccount(
              office,
              { ...legacy, officeCode: office.code, updatedBy: actor, updatedOnDesk: deskId },
              stamp,
            ),
          );
        }
        accounts.push(
          putAccount(
            office,
            {
              id: administrator.id,
              username: administrator.username,
              displayName: administrator.displayName,
              role: 'administrateur',
              officeCode: office.code,
              procedureCodes: null,
              active: true,
              verifier: administrator.verifier,
              mustChangePassword: false,
              passwordSetAt: stamp,
              updatedBy: actor,
              updatedOnDesk: deskId,
            },
            stamp,
          ),
        );
      }
      const ownKey = { keyId, publicKeyPem: request.publicKeyPem, createdAt: stamp };
      for (const key of [ownKey, ...(request.legacy?.keys ?? [])]) {
        if (office.keys.some((known) => known.keyId === key.keyId)) continue;
        office.keys.push({ ...key, deskId, registeredAt: stamp });
        registry.registerKey({
          keyId: key.keyId,
          officeCode: office.code,
          deskId,
          publicKeyPem: key.publicKeyPem,
          at: stamp,
        });
      }
      office.legacyCertificates += request.legacy?.certificates ?? 0;
      numbering.officeEnrolled(office.code);
      const blocks = numbering.enrollmentBlocks(desk);
      return { desk, deskToken, accounts, blocks };
    },

    issueCode(
      deskId: string,
      officeCode: string,
      actor: Actor,
      label: string,
    ): { code: string; label: string; expiresAt: string } | Refusal {
      const office = administeredOffice(deskId, officeCode, actor);
      if (isRefusal(office)) return office;
      const at = now();
      if (openCodes(office, at.getTime()).length >= MAX_OPEN_CODES) {
        return refusal(
          409,
          'enrollment_code_limit',
          `Le bureau ${officeCode} a déjà ${MAX_OPEN_CODES} codes d'inscription en attente : utilisez-en un ou annulez-en un avant d'en demander un autre.`,
          { limit: MAX_OPEN_CODES },
        );
      }
      const code = newEnrollmentCode();
      const expiresAt = new Date(
        at.getTime() + limits.enrollmentCodeMinutes * 60_000,
      ).toISOString();
      office.codes.push({
        sha256: enrollmentCodeHash(code),
        label,
        createdAt: at.toISOString(),
        expiresAt,
        createdBy: actor,
        createdOnDesk: deskId,
        usedAt: null,
        usedByDesk: null,
        cancelledAt: null,
      });
      return { code, label, expiresAt };
    },

    cancelCode(
      deskId: string,
      officeCode: string,
      actor: Actor,
      typed: string,
    ): { label: string; expiresAt: string; cancelledAt: string } | Refusal {
      const office = administeredOffice(deskId, officeCode, actor);
      if (isRefusal(office)) return office;
      const sha256 = enrollmentCodeHash(typed);
      const code = office.codes.find((candidate) => candidate.sha256 === sha256);
      if (!code) {
        return refusal(
          403,
          'enrollment_code_invalid',
          `Code d'inscription inconnu pour le bureau ${officeCode} : vérifiez-le.`,
        );
      }
      if (code.usedAt) {
        return refusal(
          409,
          'enrollment_code_used',
          `Ce code a déjà servi (poste ${code.usedByDesk}) : retirez ce poste s'il ne doit pas travailler.`,
          { deskId: code.usedByDesk },
        );
      }
      code.cancelledAt ??= now().toISOString();
      return { label: code.label, expiresAt: code.expiresAt, cancelledAt: code.cancelledAt };
    },

    listDesks(
      deskId: string,
      officeCode: string,
    ): { directorySequence: number; desks: DeskView[] } | Refusal {
      const desk = deskOfOffice(deskId, officeCode);
      if (isRefusal(desk)) return desk;
      const office = officeOf(officeCode);
      return { directorySequence: office.directorySequence, desks: office.desks.map(deskView) };
    },

    reportStatus(deskId: string, status: DeskStatus): { serverTime: string } | Refusal {
      const desk = desksById.get(deskId);
      if (!desk || desk.retiredAt) {
        return refusal(403, 'forbidden', 'Poste inconnu ou retiré.');
      }
      const at = now().toISOString();
      Object.assign(desk, status, { lastContactAt: at });
      return { serverTime: at };
    },

    retire(
      callerDeskId: string,
      officeCode: string,
      targetDeskId: string,
      actor: Actor,
      reason: string,
    ): { desk: DeskView } | Refusal {
      const office = administeredOffice(callerDeskId, officeCode, actor);
      if (isRefusal(office)) return office;
      const target = office.desks.find((desk) => desk.id === targetDeskId);
      if (!target) {
        return refusal(
          404,
          'desk_not_found',
          `Poste inconnu dans le bureau ${officeCode} : ${targetDeskId}.`,
        );
      }
      if (target.id === callerDeskId) {
        return refusal(
          409,
          'desk_is_self',
          "Un poste ne se retire pas lui-même : retirez-le depuis un autre poste du bureau (ou demandez au ministère s'il est le dernier).",
        );
      }
      if (!target.retiredAt) {
        target.retiredAt = now().toISOString();
        target.retiredBy = actor;
        target.retiredReason = reason;
        for (const key of registry.keys()) {
          if (key.deskId === target.id) {
            registry.revokeKey(key.keyId, 'retired', null, target.retiredAt);
          }
        }
        numbering.closeDesk(target.id);
      }
      return { desk: deskView(target) };
    },

    /** `GET /offices/:office/directory`: the accounts changed after sequence `after`. */
    directory(
      deskId: string,
      officeCode: string,
      after: number,
      limit: number,
    ): DirectoryPage | Refusal {
      const desk = deskOfOffice(deskId, officeCode);
      if (isRefusal(desk)) return desk;
      return directoryPage(officeOf(officeCode), after, limit);
    },

    /** `POST /offices/:office/accounts` (directory.ts `createAccount`). */
    createAccount(
      deskId: string,
      officeCode: string,
      actor: Actor,
      account: NewAccount,
    ): { account: DirectoryAccount } | Refusal {
      const desk = deskOfOffice(deskId, officeCode);
      if (isRefusal(desk)) return desk;
      const context = { office: officeOf(officeCode), deskId, actor, at: now().toISOString() };
      return createAccount(context, account, {
        accountById,
        accountByUsername: usernameOwner,
      });
    },

    /** `PATCH /offices/:office/accounts/:id` (directory.ts `changeAccount`). */
    changeAccount(
      deskId: string,
      officeCode: string,
      actor: Actor,
      id: string,
      expectedVersion: number,
      change: AccountChange,
    ): { account: DirectoryAccount } | Refusal {
      const desk = deskOfOffice(deskId, officeCode);
      if (isRefusal(desk)) return desk;
      const context = { office: officeOf(officeCode), deskId, actor, at: now().toISOString() };
      return changeAccount(context, id, expectedVersion, change);
    },

    /** The caller's desk when it is an active desk of `officeCode`, else `403 forbidden`. */
    officeDesk(deskId: string, officeCode: string): Desk | Refusal {
      return deskOfOffice(deskId, officeCode);
    },

    /** Null when `actor` is an active administrator acting from a desk of `officeCode`. */
    administratorOf(deskId: string, officeCode: string, actor: Actor): Refusal | null {
      const office = administeredOffice(deskId, officeCode, actor);
      return isRefusal(office) ? office : null;
    },

    /**
     * What the doorbell (§3.11) compares per office: the directory sequence, and the desks list
     * as membership (id, label, key, enrollment, retirement). A desk's status report
     * (`lastContactAt`, pending counts, app version) is left out: it does not ring, or two desks
     * would wake each other up forever.
     */
    doorbellMarks(): Map<string, { directory: number; desks: string }> {
      const marks = new Map<string, { directory: number; desks: string }>();
      for (const office of offices.values()) {
        marks.set(office.code, {
          directory: office.directorySequence,
          desks: JSON.stringify(
            office.desks.map((desk) => [
              desk.id,
              desk.label,
              desk.keyId,
              desk.enrolledAt,
              desk.retiredAt,
            ]),
          ),
        });
      }
      return marks;
    },

    /** `/__sim/offices/:office`: desks and accounts, verifiers left out. */
    snapshot(officeCode: string) {
      const office = offices.get(officeCode);
      // An office only tried with wrong codes is not shown.
      if (!office || (office.desks.length === 0 && office.accounts.size === 0)) return null;
      return {
        officeCode: office.code,
        directorySequence: office.directorySequence,
        desks: office.desks.map((desk) => ({
          ...deskView(desk),
          activityCursor: desk.activityCursor,
          retiredReason: desk.retiredReason,
        })),
        accounts: [...office.accounts.values()].map(({ verifier: _verifier, ...account }) => ({
          ...account,
          hasVerifier: _verifier !== null,
        })),
        keys: office.keys.map(({ keyId, deskId, createdAt, registeredAt }) => ({
          keyId,
          deskId,
          createdAt,
          registeredAt,
        })),
        openCodes: openCodes(office, now().getTime()).length,
        legacyCertificates: office.legacyCertificates,
        blocks: office.desks.flatMap((desk) =>
          numbering.list(desk.id).map((block) => ({ ...block, deskId: desk.id })),
        ),
      };
    },
  };
}
export type OfficeStore = ReturnType<typeof createOfficeStore>;
