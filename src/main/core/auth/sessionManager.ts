import type Database from 'better-sqlite3';
import type { SessionState } from '../../../shared/api/sessionTypes';
import type { CurrentUser } from '../../../shared/api/types';
import type { CallContext, ContextOptions, Handlers } from '../api/dispatcher';
import { DomainError, refusal } from '../api/domainError';
import type { AuditLog } from '../audit/auditLog';
import type { Clock } from '../clock';
import type { AccountPublisher } from '../office/accountPublisher';
import { createCredentials } from './credentials';
import { hashPassword } from './passwordHash';
import { OFFICE_CODES, type OfficeCode } from '../../../shared/domain/offices';
import { TRAINING_PASSWORD, TRAINING_USERS } from './trainingUsers';
import type { UsersRepository } from './usersRepository';

type SessionHandlerNames =
  | 'session.current'
  | 'session.signIn'
  | 'session.signOut'
  | 'session.lock'
  | 'session.unlock'
  | 'session.changePassword'
  | 'session.trainingAccounts'
  | 'session.createFirstAdministrator';

interface Session {
  userId: string;
  locked: boolean;
  lastSeenMs: number;
}

/**
 * Sessions keyed by what the transport knows of its caller: the Electron window's webContents,
 * or the web host's session cookie. A session is signed in, locked (after idle time or on
 * request: only the same user's password opens it) or gone.
 */
export function createSessionManager(deps: {
  db: Database.Database;
  users: UsersRepository;
  audit: AuditLog;
  clock: Clock;
  trainingMode: boolean;
  lockAfterMinutes: () => number;
  /** The first administrator of a new installation names its office. */
  onFirstAdministrator?: (officeCode: string) => void;
  /** An enrolled desk: passwords changed here reach the office directory; no local first account. */
  accounts?: AccountPublisher;
}) {
  const { users, audit, clock } = deps;
  const credentials = createCredentials(deps);
  const sessions = new Map<string, Session>();

  const record = (user: CurrentUser, action: string, summary: Record<string, unknown> = {}) =>
    audit.append({
      at: clock.now().toISOString(),
      actorId: user.id,
      officeCode: user.officeCode,
      action,
      entityType: 'user',
      entityId: user.id,
      summary,
    });

  function contextFor(sessionKey: string, options: ContextOptions = {}): CallContext {
    const session = sessions.get(sessionKey);
    const user = session ? users.get(session.userId) : null;
    if (!session || !user) {
      // Deactivated while signed in: the session ends at its next call.
      if (session) sessions.delete(sessionKey);
      return { user: null, sessionKey };
    }
    const now = clock.now().getTime();
    if (!session.locked && now - session.lastSeenMs > deps.lockAfterMinutes() * 60_000) {
      session.locked = true;
      record(user, 'session.locked', { reason: 'idle' });
    }
    if (session.locked) return { user, sessionKey, restriction: 'locked' };
    if (options.touch !== false) session.lastSeenMs = now;
    const mustChange = users.credentialsOf(user.id)?.mustChangePassword ?? false;
    return mustChange
      ? { user, sessionKey, restriction: 'must_change_password' }
      : { user, sessionKey };
  }

  function stateOf(context: CallContext): SessionState {
    if (!context.user) {
      return {
        status: 'signed_out',
        // An enrolled desk's accounts come from the office directory, never from a first form.
        needsFirstAdministrator: users.count() === 0 && !deps.accounts?.enrolled(),
      };
    }
    if (context.restriction === 'locked') return { status: 'locked', user: context.user };
    return {
      status: 'active',
      user: context.user,
      lockAfterMinutes: deps.lockAfterMinutes(),
      mustChangePassword: context.restriction === 'must_change_password',
      newAccount:
        context.restriction === 'must_change_password' &&
        (users.credentialsOf(context.user.id)?.firstPassword ?? false),
    };
  }

  function keyOf(context: CallContext): string {
    if (!context.sessionKey) {
      throw refusal('forbidden', 'noSession', {});
    }
    return context.sessionKey;
  }

  function start(sessionKey: string, user: CurrentUser): SessionState {
    sessions.set(sessionKey, { userId: user.id, locked: false, lastSeenMs: clock.now().getTime() });
    return stateOf(contextFor(sessionKey));
  }

  const handlers: Pick<Handlers, SessionHandlerNames> = {
    'session.current': (_input, context) => stateOf(context),

    'session.signIn': async ({ username, password }, context) => {
      const key = keyOf(context);
      const { user } = await credentials.signIn(username, password);
      const previous = sessions.get(key);
      if (previous && previous.userId !== user.id) {
        const previousUser = users.get(previous.userId);
        if (previousUser) record(previousUser, 'session.signed_out', { replacedBy: user.id });
      }
      return start(key, user);
    },

    // Signing out or locking a caller without a session (in-process) has nothing to end.
    'session.signOut': (_input, context) => {
      const key = context.sessionKey;
      if (key && sessions.has(key) && context.user) record(context.user, 'session.signed_out');
      if (key) sessions.delete(key);
      return stateOf({ user: null });
    },

    'session.lock': (_input, context) => {
      const key = context.sessionKey;
      const session = key ? sessions.get(key) : undefined;
      if (!key || !session) return stateOf(context);
      if (context.user && !session.locked) {
        session.locked = true;
        record(context.user, 'session.locked', { reason: 'requested' });
      }
      return stateOf(contextFor(key));
    },

    'session.unlock': async ({ password }, context) => {
      const key = keyOf(context);
      const session = sessions.get(key);
      if (!session || !context.user) {
        throw refusal('unauthenticated', 'sessionEnded', {});
      }
      try {
        await credentials.confirm(context.user, password, 'session.unlock_failed');
      } catch (error) {
        // Locked out while unlocking: the session ends, the sign-in screen explains the wait.
        if (error instanceof DomainError && error.code === 'locked') sessions.delete(key);
        throw error;
      }
      session.locked = false;
      session.lastSeenMs = clock.now().getTime();
      record(context.user, 'session.unlocked');
      return stateOf(contextFor(key));
    },

    'session.changePassword': async ({ currentPassword, newPassword }, context) => {
      const user = context.user;
      if (!user) throw refusal('unauthenticated', 'signInToContinue', {});
      if (newPassword === currentPassword) {
        throw refusal('invalid_input', 'passwordUnchanged', {});
      }
      if (newPassword.toLowerCase().includes(user.username.toLowerCase())) {
        throw refusal('invalid_input', 'passwordHasUsername', {});
      }
      await credentials.confirm(user, currentPassword, 'session.password_change_failed');
      const directory = deps.accounts?.enrolled() ? deps.accounts : null;
      await credentials.setPassword(user.id, newPassword, false, (verifier) =>
        directory?.queue(user.id, { verifier, mustChangePassword: false, reason: 'change' }, user),
      );
      record(user, 'user.password_changed');
      directory?.changed();
      return stateOf(contextFor(keyOf(context)));
    },

    'session.trainingAccounts': () =>
      deps.trainingMode
        ? TRAINING_USERS.map((user) => ({
            username: user.username,
            password: TRAINING_PASSWORD,
            displayName: user.displayName,
            role: user.role,
            officeCode: user.officeCode,
          }))
        : [],

    'session.createFirstAdministrator': async (input, context) => {
      const key = keyOf(context);
      const alreadyInstalled = () => refusal('conflict', 'alreadyInstalled', {});
      if (users.count() > 0) throw alreadyInstalled();
      if (deps.accounts?.enrolled()) {
        throw refusal('conflict', 'enrolledDeskAccounts', { office: deps.accounts.officeCode() });
      }
      if (!OFFICE_CODES.includes(input.officeCode as OfficeCode)) {
        throw refusal('invalid_input', 'unknownOfficeCode', {
          office: input.officeCode,
          known: OFFICE_CODES.join(', '),
        });
      }
      // Hash first (0.3 s, off the event loop), then everything in one transaction, checked
      // again inside it: a crash never leaves an account without password, and two first starts
      // racing cannot both win.
      const passwordHash = await hashPassword(input.password);
      const id = `u-${input.username.replace(/[^a-z0-9]/g, '-')}`;
      const user = deps.db.transaction(() => {
        if (users.count() > 0) throw alreadyInstalled();
        users.insertIfMissing(
          {
            id,
            username: input.username,
            displayName: input.displayName,
            role: 'administrateur',
            officeCode: input.officeCode,
            passwordHash,
          },
          clock.now().toISOString(),
        );
        deps.onFirstAdministrator?.(input.officeCode);
        const created = users.get(id)!;
        record(created, 'user.created', {
          username: created.username,
          role: created.role,
          officeCode: created.officeCode,
          first: true,
        });
        return created;
      })();
      return start(key, user);
    },
  };

  return {
    contextFor,
    handlers,
    /** In-process callers (tests, scripts) act as a given user without a transport session. */
    contextOf(userId?: string): CallContext {
      return { user: userId ? users.get(userId) : users.firstWithRole('agent') };
    },
  };
}
