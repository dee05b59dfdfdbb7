import { z } from 'zod';
import type { SessionState, TrainingAccount } from '../sessionTypes';
import type { AppInfo } from '../types';
import { method } from '../method';
import {
  noInput,
  staff,
  password,
  newPasswordSchema,
  username,
  displayName,
  officeCode,
} from './common';

/** Application and session: part of the one API contract (`../contract.ts`). */
export const sessionMethods = {
  'app.info': method<AppInfo>()({ input: noInput, access: 'public' }),
  'session.current': method<SessionState>()({ input: noInput, access: 'public' }),
  /** Checked against the local scrypt verifier: works with the portal out of reach. */
  'session.signIn': method<SessionState>()({
    input: z.strictObject({ username: z.string().trim().min(1).max(64), password }),
    access: 'public',
  }),
  'session.signOut': method<SessionState>()({ input: noInput, access: 'public' }),
  'session.lock': method<SessionState>()({ input: noInput, access: 'public' }),
  'session.unlock': method<SessionState>()({
    input: z.strictObject({ password }),
    access: 'public',
  }),
  'session.changePassword': method<SessionState>()({
    input: z.strictObject({ currentPassword: password, newPassword: newPasswordSchema }),
    access: staff,
  }),
  /** Training mode only (empty otherwise): the seeded accounts and their passwords. */
  'session.trainingAccounts': method<TrainingAccount[]>()({ input: noInput, access: 'public' }),
  /** A new installation with no account at all: creates its first administrator and signs in. */
  'session.createFirstAdministrator': method<SessionState>()({
    input: z.strictObject({
      username,
      displayName,
      officeCode,
      password: newPasswordSchema,
    }),
    access: 'public',
  }),
} as const;
