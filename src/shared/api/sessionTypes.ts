import type { CurrentUser } from './types';

/**
 * What the renderer needs to pick its screen: sign-in (or first-administrator setup), the lock
 * screen, a forced password change, or the application.
 */
export type SessionState =
  | { status: 'signed_out'; needsFirstAdministrator: boolean }
  | { status: 'locked'; user: CurrentUser }
  | {
      status: 'active';
      user: CurrentUser;
      /** Minutes without keyboard or pointer activity before the renderer locks the session. */
      lockAfterMinutes: number;
      /** Set by an administrator's password reset: only `session.changePassword` is allowed. */
      mustChangePassword: boolean;
      /** The forced change is the first one of a new account (not a reset): welcomed as such. */
      newAccount?: boolean;
    };

/** Training mode only: the seeded accounts, shown on the sign-in screen. */
export interface TrainingAccount {
  username: string;
  password: string;
  displayName: string;
  role: CurrentUser['role'];
  officeCode: string;
}
