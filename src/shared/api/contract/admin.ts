import { z } from 'zod';
import { ROLES } from '../../domain/roles';
import type {
  AuditPage,
  AuditVerification,
  Holiday,
  HolidaysSaved,
  OfficeSettings,
  UserAccount,
} from '../adminTypes';
import type { AuditExport } from '../../audit/auditView';
import { method } from '../method';
import {
  noInput,
  isoDay,
  staff,
  administrators,
  userId,
  newPasswordSchema,
  username,
  displayName,
  officeCode,
  procedureCodes,
  clock,
} from './common';

/** The audit journal's filters, shared by its list and its export. */
const auditFilters = {
  actorId: userId.optional(),
  actionPrefix: z.string().trim().max(60).optional(),
  entityId: z.string().trim().max(64).optional(),
  /** A case's id or reference: its rows and its certificates' rows. */
  caseRef: z.string().trim().min(1).max(64).optional(),
  /** A person's id: what they did and what was done to their account. */
  personId: userId.optional(),
  from: isoDay.optional(),
  to: isoDay.optional(),
};

/** Administration and audit trail: part of the one API contract (`../contract.ts`). */
export const adminMethods = {
  // — Administration and audit trail (issue 7) —
  'admin.users.list': method<UserAccount[]>()({ input: noInput, access: administrators }),
  'admin.users.create': method<UserAccount>()({
    input: z.strictObject({
      username,
      displayName,
      role: z.enum(ROLES),
      officeCode,
      procedureCodes,
      /** Temporary: the user must choose a new one at first sign-in. */
      temporaryPassword: newPasswordSchema,
    }),
    access: administrators,
  }),
  'admin.users.update': method<UserAccount>()({
    input: z.strictObject({
      id: userId,
      displayName: displayName.optional(),
      role: z.enum(ROLES).optional(),
      officeCode: officeCode.optional(),
      procedureCodes: procedureCodes.optional(),
      active: z.boolean().optional(),
    }),
    access: administrators,
  }),
  /** Sets a temporary password, lifts a lock-out and forces a change at next sign-in. */
  'admin.users.resetPassword': method<UserAccount>()({
    input: z.strictObject({ id: userId, temporaryPassword: newPasswordSchema }),
    access: administrators,
  }),
  'admin.office.get': method<OfficeSettings>()({ input: noInput, access: staff }),
  'admin.office.update': method<OfficeSettings>()({
    input: z.strictObject({
      name: z.string().trim().min(2).max(120),
      region: z.string().trim().min(2).max(60),
      numberingCode: officeCode,
      opensAt: clock,
      closesAt: clock,
      lockAfterMinutes: z.int().min(1).max(240),
    }),
    access: administrators,
  }),
  'admin.holidays.list': method<Holiday[]>()({
    input: z.strictObject({ year: z.int().min(2000).max(2100) }),
    access: staff,
  }),
  /** Replaces the year's holidays; working-day deadlines use the new calendar at once. */
  'admin.holidays.save': method<HolidaysSaved>()({
    input: z.strictObject({
      year: z.int().min(2000).max(2100),
      holidays: z
        .array(
          z.strictObject({
            date: isoDay,
            label: z.string().trim().min(2).max(120),
            provisional: z.boolean(),
          }),
        )
        .max(60),
    }),
    access: administrators,
  }),
  'audit.list': method<AuditPage>()({
    input: z.strictObject({
      ...auditFilters,
      beforeSeq: z.int().positive().nullable().default(null),
      limit: z.int().min(1).max(500).default(100),
    }),
    access: administrators,
  }),
  /** The journal as the filters show it, every page, as CSV or XLSX (capped: see AuditExport). */
  'audit.export': method<AuditExport>()({
    input: z.strictObject({ ...auditFilters, format: z.enum(['csv', 'xlsx']) }),
    access: administrators,
  }),
  'audit.verify': method<AuditVerification>()({ input: noInput, access: administrators }),
} as const;
