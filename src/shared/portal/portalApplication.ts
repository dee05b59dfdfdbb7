import { z } from 'zod';
import { CASE_STATUSES } from '../domain/caseStatus';

/**
 * The portal's wire format for one application, as served by `GET /api/v1/applications`.
 * Shared by the simulator (which produces it) and the sync client (which validates every record
 * on arrival and quarantines what does not parse). See docs/portal-api.md.
 */
const isoDateTime = z.iso.datetime({ offset: true });
const isoDate = z.iso.date();

/** C0 controls and DEL, NUL included: never part of a name, an address or a reference. */
// eslint-disable-next-line no-control-regex -- control characters are what is refused
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f]/;
/** The same, but free text may keep its tabs and line breaks. */
// eslint-disable-next-line no-control-regex -- control characters are what is refused
const CONTROLS_BUT_LINE_BREAKS = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;
const NO_CONTROLS = 'caractère de contrôle interdit (NUL, tabulation…)';

const boundedText = (max: number) =>
  z
    .string()
    .trim()
    .min(1)
    .max(max)
    .refine((text) => !CONTROL_CHARACTERS.test(text), NO_CONTROLS);

/**
 * A portal id: letters, digits, `-` and `_` only. Ids are keys and appear in URLs, never in a
 * file path (attachments are stored under their SHA-256), but a `../` must not even get that far.
 */
export const PORTAL_DOCUMENT_ID = /^[A-Za-z0-9_-]{1,64}$/;

/**
 * Objects ignore (and keep) fields they do not know: a portal that adds one must not stop every
 * record. Bureau stores what it received; the fields it does not know are never read.
 */
export const portalDocument = z.looseObject({
  id: z.string().regex(PORTAL_DOCUMENT_ID),
  code: boundedText(40),
  fileName: boundedText(200),
  mimeType: z.enum(['application/pdf', 'image/jpeg', 'image/png']),
  size: z
    .int()
    .positive()
    .max(50 * 1024 * 1024),
  sha256: z.string().regex(/^[0-9a-f]{64}$/),
});
export type PortalDocument = z.infer<typeof portalDocument>;

export const portalApplicant = z.looseObject({
  firstName: boundedText(100),
  lastName: boundedText(100),
  gender: z.enum(['F', 'M']).optional(),
  birthDate: isoDate.optional(),
  idNumber: boundedText(40).optional(),
  phone: z.string().regex(/^\+228 \d{2} \d{2} \d{2} \d{2}$/),
  email: z.email().max(200),
  region: boundedText(60),
  city: boundedText(60),
  address: boundedText(300),
});
export type PortalApplicant = z.infer<typeof portalApplicant>;

export const portalCompany = z.looseObject({
  name: boundedText(200),
  legalForm: boundedText(60),
  nif: z.string().regex(/^\d{10}$/),
  rccm: z.string().regex(/^TG-[A-Z]{3}-\d{2}-\d{4}-[AB]\d{2}-\d{5}$/),
});
export type PortalCompany = z.infer<typeof portalCompany>;

export const formValue = z.union([
  z
    .string()
    .max(5000)
    .refine((text) => !CONTROLS_BUT_LINE_BREAKS.test(text), NO_CONTROLS),
  z.number(),
  z.boolean(),
  z.null(),
]);
export type FormValue = z.infer<typeof formValue>;

/** At most this many entries in `appliedEvents`: the portal keeps the latest ones. */
export const MAX_APPLIED_EVENTS = 20;

/**
 * One event reported by a Bureau client (`POST /api/v1/applications/:id/events`) that changed the
 * record: its `Idempotency-Key` and the record `version` it produced (the previous version + 1).
 */
export const portalAppliedEvent = z.looseObject({
  idempotencyKey: z.string().regex(/^[A-Za-z0-9-]{8,128}$/),
  version: z.int().positive(),
});
export type PortalAppliedEvent = z.infer<typeof portalAppliedEvent>;

/**
 * Optional, on a decided record: the decision the portal knows (an application decided before
 * this desk cached it, or on another desk), so a later application of the same applicant can say
 * what was decided and why (issue 20).
 */
export const portalDecision = z.looseObject({
  decidedAt: isoDateTime,
  reasonCodes: z.array(z.string().min(1).max(64)).max(20),
  comment: z.string().max(2000).optional(),
});
export type PortalDecision = z.infer<typeof portalDecision>;

/**
 * Optional, on an issued record: the certificate the portal delivered for it (issue 20: Bureau
 * checks the numbers applicants cite against the certificates the administration issued).
 */
export const portalIssuedCertificate = z.looseObject({
  number: z.string().regex(/^[A-Z]{2,4}-\d{4}-[A-Z]{2,10}-\d{6}$/),
  issuedAt: isoDateTime,
  expiresOn: isoDate.nullable(),
  revokedAt: isoDateTime.nullable().optional(),
  revocationReason: boundedText(500).nullable().optional(),
});
export type PortalIssuedCertificate = z.infer<typeof portalIssuedCertificate>;

export const portalApplication = z.looseObject({
  id: z.string().regex(/^[a-z0-9-]{8,64}$/),
  reference: z.string().regex(/^[A-Z]{3}-[A-Z]{2,6}-\d{4}-\d{6}$/),
  procedureCode: z.string().regex(/^[A-Z]{3}-[A-Z]{2,6}$/),
  status: z.enum(CASE_STATUSES),
  version: z.int().positive(),
  submittedAt: isoDateTime,
  updatedAt: isoDateTime,
  applicant: portalApplicant,
  company: portalCompany.nullable(),
  form: z.record(
    z
      .string()
      .max(64)
      .refine((key) => !CONTROL_CHARACTERS.test(key), NO_CONTROLS),
    formValue,
  ),
  documents: z.array(portalDocument).max(50),
  /**
   * Optional: the latest client events that changed this record (oldest first, at most
   * `MAX_APPLIED_EVENTS`), so a client can recognise versions its own actions produced — even
   * when it never received the portal's answer — and not mistake them for someone else's change.
   */
  appliedEvents: z.array(portalAppliedEvent).max(MAX_APPLIED_EVENTS).optional(),
  decision: portalDecision.optional(),
  certificate: portalIssuedCertificate.optional(),
});
export type PortalApplication = z.infer<typeof portalApplication>;

/** One page of the change feed. Items stay `unknown` until each is validated on its own. */
export const portalApplicationsPage = z.object({
  items: z.array(z.unknown()),
  nextCursor: z.string().min(1),
  hasMore: z.boolean(),
  /**
   * Optional: a number that grows with the feed position of `nextCursor`. The cursor itself stays
   * opaque; this lets a client refuse to move its cursor backwards when a proxy or a retry hands
   * it an older page.
   */
  cursorSequence: z.int().nonnegative().optional(),
  /** Optional: changes still to pull after this page, for a progress bar. */
  remaining: z.int().nonnegative().optional(),
});
export type PortalApplicationsPage = z.infer<typeof portalApplicationsPage>;
