import type {
  ApplicantKeyKind,
  LinkedSignal,
  PrerequisiteCheck,
} from '../../../shared/api/linkedTypes';
import type { CaseStatus } from '../../../shared/domain/caseStatus';
import type { Catalog } from '../catalog/loadCatalog';

/**
 * Another case sharing an identifier with the case read, as far as the signals look at it: the
 * case page's same-applicant rows (`sameApplicant.ts`) and the inbox page's signal rows
 * (`pageSignals.ts`) both are one.
 */
export interface SignalMatch {
  id: string;
  reference: string;
  procedure_code: string;
  status: CaseStatus;
  applicant_name: string;
  decision_json: string | null;
  portal_decision_json: string | null;
  matchedOn: ApplicantKeyKind[];
}

/** A name as compared: accents, case, punctuation and word order do not make another person. */
export function comparableName(name: string): string {
  return name
    .normalize('NFD')
    .replace(/\p{M}/gu, '')
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .sort()
    .join(' ');
}

/** The reason codes a rejection gave: Bureau's own decision, else the portal's. */
export function rejectionReasonCodes(
  match: Pick<SignalMatch, 'decision_json' | 'portal_decision_json'>,
): string[] {
  for (const json of [match.decision_json, match.portal_decision_json]) {
    if (!json) continue;
    const decision = JSON.parse(json) as { kind?: string; reasonCodes?: unknown };
    if (decision.kind !== undefined && decision.kind !== 'rejected') continue;
    if (Array.isArray(decision.reasonCodes)) {
      return decision.reasonCodes.filter((code): code is string => typeof code === 'string');
    }
  }
  return [];
}

const refOf = (match: SignalMatch) => ({ id: match.id, reference: match.reference });

/**
 * The warnings of one case (issue 20 §2), each with what it rests on; none decides anything.
 *
 * - `same_id_different_names`: another case gives the same ID number under another name.
 * - `previous_fraud_rejection`: a case of the same company or person (NIF, RCCM or ID number;
 *   at any date) was rejected for a reason its procedure marks `fraudRelated`.
 * - `revoked_prerequisite`: a certificate the applicant cites (an importer card…) is revoked.
 */
export function computeSignals(input: {
  applicantName: string;
  idNumber: string | null;
  matches: readonly SignalMatch[];
  prerequisites: readonly PrerequisiteCheck[];
  catalog: Catalog;
}): LinkedSignal[] {
  const signals: LinkedSignal[] = [];
  const ownName = comparableName(input.applicantName);
  const otherNames = input.matches.filter(
    (match) => match.matchedOn.includes('id') && comparableName(match.applicant_name) !== ownName,
  );
  if (otherNames.length > 0 && input.idNumber) {
    signals.push({
      kind: 'same_id_different_names',
      cases: otherNames.map(refOf),
      idNumber: input.idNumber,
      names: [
        ...new Set([input.applicantName, ...otherNames.map((match) => match.applicant_name)]),
      ],
    });
  }

  const fraud = input.matches.flatMap((match) => {
    if (match.status !== 'rejected') return [];
    if (!match.matchedOn.some((kind) => kind === 'nif' || kind === 'rccm' || kind === 'id')) {
      return [];
    }
    const fraudReasons = (input.catalog.get(match.procedure_code)?.rejectReasons ?? []).filter(
      (reason) => reason.fraudRelated,
    );
    const reasons = rejectionReasonCodes(match).flatMap((code) =>
      fraudReasons.filter((reason) => reason.code === code),
    );
    return reasons.length > 0 ? [{ match, reasons }] : [];
  });
  if (fraud.length > 0) {
    const reasons = new Map(
      fraud.flatMap(({ reasons }) => reasons.map((reason) => [reason.code, reason.label] as const)),
    );
    signals.push({
      kind: 'previous_fraud_rejection',
      cases: fraud.map(({ match }) => refOf(match)),
      reasonCodes: [...reasons.keys()],
      reasons: [...reasons.values()],
    });
  }

  for (const check of input.prerequisites) {
    if (check.state !== 'revoked' || !check.certificate) continue;
    signals.push({
      kind: 'revoked_prerequisite',
      cases:
        check.certificate.applicationId && check.certificate.reference
          ? [{ id: check.certificate.applicationId, reference: check.certificate.reference }]
          : [],
      certificateNumber: check.certificate.number,
      procedureCode: check.procedureCode,
      label: check.label,
      revokedAt: check.certificate.revokedAt,
      revocationReason: check.certificate.revocationReason,
    });
  }
  return signals;
}
