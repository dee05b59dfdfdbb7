/** Consecutive failed sign-ins (or unlocks) after which an account is locked out. */
export const MAX_FAILED_ATTEMPTS = 5;
/** How long a lock-out lasts; an administrator's password reset lifts it at once. */
export const LOCKOUT_MINUTES = 15;
/** Idle minutes before a session locks, until the office settings say otherwise. */
export const DEFAULT_LOCK_AFTER_MINUTES = 15;
