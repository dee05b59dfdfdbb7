import { z } from 'zod';
import type { CaseDecision } from '../../../shared/api/caseTypes';
import { CASE_STATUSES } from '../../../shared/domain/caseStatus';
import type { PortalApplication } from '../../../shared/portal/portalApplication';
import type { UnconfirmedPortalChanges } from '../../../shared/portal/reviewedChanges';
import { parseJsonColumn } from './jsonColumn';

/**
 * Schemas of the JSON the cache's own columns hold, for `parseJsonColumn`. They describe what
 * Bureau wrote there, in every version a clerk's cache may come from, so a row that was written
 * (or accepted) once always reads back; a value of another shape names its table, column and row.
 * None of them transforms a value, and objects are loose (a field they do not name is kept): what
 * is read is what was stored.
 */

/**
 * `applications.record_json`: a portal record as it was accepted at ingest, read back.
 *
 * Not the ingest schema (`portalApplication`): that one decides what may *enter* the cache and it
 * has grown stricter (issue 13 added the document id pattern and refused control characters in
 * names, addresses and form values), so rows accepted by earlier versions can fail it; it also
 * trims strings and checks patterns and e-mail formats, which has no place on a read. What
 * is checked here is the shape the code relies on — every field of `PortalApplication` with its
 * type, unchanged since the first version (only formats were tightened) — without formats or
 * bounds. Objects are loose: fields a portal added are kept, and the keys are listed in the ingest
 * schema's order, which is the order they were stored in. The enums (status, MIME type, sex) have
 * only ever had these values; one may be added, none may be taken out.
 */
const storedDocument = z.looseObject({
  id: z.string(),
  code: z.string(),
  fileName: z.string(),
  mimeType: z.enum(['application/pdf', 'image/jpeg', 'image/png']),
  size: z.number(),
  sha256: z.string(),
});

const storedApplicant = z.looseObject({
  firstName: z.string(),
  lastName: z.string(),
  gender: z.enum(['F', 'M']).optional(),
  birthDate: z.string().optional(),
  idNumber: z.string().optional(),
  phone: z.string(),
  email: z.string(),
  region: z.string(),
  city: z.string(),
  address: z.string(),
});

const storedCompany = z.looseObject({
  name: z.string(),
  legalForm: z.string(),
  nif: z.string(),
  rccm: z.string(),
});

export const storedPortalApplication: z.ZodType<PortalApplication> = z.looseObject({
  id: z.string(),
  reference: z.string(),
  procedureCode: z.string(),
  status: z.enum(CASE_STATUSES),
  version: z.number(),
  submittedAt: z.string(),
  updatedAt: z.string(),
  applicant: storedApplicant,
  company: storedCompany.nullable(),
  form: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
  documents: z.array(storedDocument),
  appliedEvents: z
    .array(z.looseObject({ idempotencyKey: z.string(), version: z.number() }))
    .optional(),
});

/** A case's cached portal record (`applications.record_json`), checked as above. */
export const storedRecordOf = (id: string, json: string): PortalApplication =>
  parseJsonColumn(storedPortalApplication, json, {
    table: 'applications',
    column: 'record_json',
    rowId: id,
  });

const documentRef = z.looseObject({ code: z.string(), fileName: z.string(), sha256: z.string() });
const reviewedValue = z.union([z.string(), z.number(), z.boolean(), z.null(), documentRef]);

/**
 * `applications.portal_changes_json` (migration 015): what `accumulatePortalChanges` returns, the
 * only writer since the column exists.
 */
export const unconfirmedPortalChanges: z.ZodType<UnconfirmedPortalChanges> = z.looseObject({
  detectedAt: z.string(),
  version: z.number(),
  changes: z.array(z.looseObject({ path: z.string(), from: reviewedValue, to: reviewedValue })),
  omitted: z.number(),
});

/** A case's unconfirmed portal changes, or null when its column is NULL (nothing to confirm). */
export const storedPortalChangesOf = (
  id: string,
  json: string | null,
): UnconfirmedPortalChanges | null =>
  json
    ? parseJsonColumn(unconfirmedPortalChanges, json, {
        table: 'applications',
        column: 'portal_changes_json',
        rowId: id,
      })
    : null;

/**
 * `applications.decision_json`: the case writer's `CaseDecision`, of the same shape since
 * migration 005 (kinds may be added, none taken out).
 */
export const caseDecision: z.ZodType<CaseDecision> = z.looseObject({
  kind: z.enum(['approved', 'rejected', 'info_requested', 'signoff_requested', 'signoff_returned']),
  at: z.string(),
  by: z.looseObject({ id: z.string(), displayName: z.string() }),
  comment: z.string().nullable(),
  reasonCodes: z.array(z.string()),
  missingDocuments: z.array(z.string()),
  fieldsToCorrect: z.array(z.string()),
});

/**
 * `holiday_recompute.changed_dates`: the calendar days a holiday save changed (ISO dates, sorted),
 * pending a deadline rewrite.
 */
export const changedDates = z.array(z.string());
