import { z } from 'zod';
import type { DeskSummary, DesksOverview, EnrollmentCode } from '../officeTypes';
import { method } from '../method';
import { administrators, noInput, officeCode } from './common';

/** A desk's label as people name it (« Guichet 3 »). */
const deskLabel = z.string().trim().min(1).max(60);

/** One office, many desks (design multi-desk): part of the one API contract (`../contract.ts`). */
export const officeMethods = {
  /** This desk for « À propos »: no portal call, readable before signing in. */
  'office.desk': method<DeskSummary>()({ input: noInput, access: 'public' }),
  /** « Postes de travail »: this desk, the office's desks, what a first enrollment publishes. */
  'office.desks': method<DesksOverview>()({ input: noInput, access: administrators }),
  /** Makes this (existing) desk the first desk of its office on a v2 portal. */
  'office.enrollFirst': method<DeskSummary>()({
    input: z.strictObject({ label: deskLabel }),
    access: administrators,
  }),
  /** A new desk, with no account yet, joins an office with a one-time code. */
  'office.join': method<DeskSummary>()({
    input: z.strictObject({
      officeCode,
      code: z
        .string()
        .trim()
        .toUpperCase()
        .regex(/^[0-9A-Z]{4}-?[0-9A-Z]{4}-?[0-9A-Z]{4}$/),
      label: deskLabel,
    }),
    access: 'public',
  }),
  /** A one-time enrollment code for another desk of this office (30 minutes). */
  'office.issueCode': method<EnrollmentCode>()({
    input: z.strictObject({ label: deskLabel }),
    access: administrators,
  }),
} as const;
