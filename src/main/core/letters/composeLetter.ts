import type { PersonRef } from '../../../shared/api/caseTypes';
import { procedureFields, type ProcedureDefinition } from '../../../shared/catalog/procedureSchema';
import type { PortalApplication } from '../../../shared/portal/portalApplication';
import { officeName } from '../certificates/certificateFacts';
import { frenchDate, isoDay, typographic } from '../certificates/frenchFormat';
import type { LetterBlock, LetterDocument, LetterKind } from './letterDocument';
import type { LetterLayout, LetterTemplate } from './letterTemplateSchema';

/** What the clerk decided, as the letter needs it. */
export type LetterDecision =
  | { kind: 'rejection'; reasonCodes: string[]; comment: string }
  | {
      kind: 'info_request';
      missingDocuments: string[];
      fieldsToCorrect: string[];
      message: string;
      /** The answer-by date (YYYY-MM-DD), computed by the caller on the working calendar. */
      answerBy: string;
    }
  | { kind: 'approval'; comment: string | null };

export const letterKindOf = (decision: LetterDecision): LetterKind => decision.kind;

export interface LetterIssue {
  /** Null on a preview. */
  number: string | null;
  issuedAt: Date;
  officeCode: string;
  clerk: PersonRef;
  keyId: string | null;
  training: boolean;
  preview: boolean;
}

/** `{name}` placeholders filled; unknown names are left as written (the schema lists them). */
export function fill(text: string, values: Record<string, string>): string {
  return text.replace(/\{([a-zA-Z]+)\}/g, (whole, name: string) => values[name] ?? whole);
}

function addresseeLines(record: PortalApplication, attention: string): string[] {
  const { applicant, company } = record;
  const person = `${applicant.firstName} ${applicant.lastName.toLocaleUpperCase('fr-FR')}`;
  const courtesy =
    applicant.gender === 'F' ? 'Madame ' : applicant.gender === 'M' ? 'Monsieur ' : '';
  const lines = company?.name
    ? [company.name, `${attention} ${courtesy}${person}`]
    : [`${courtesy}${person}`];
  if (applicant.address) lines.push(applicant.address);
  lines.push(applicant.city);
  return lines;
}

function salutationOf(record: PortalApplication, fallback: string): string {
  if (record.applicant.gender === 'F') return 'Madame,';
  if (record.applicant.gender === 'M') return 'Monsieur,';
  return fallback;
}

/** The clerk's text as printed: trimmed, runs of blank lines collapsed. */
const clerkText = (text: string) => text.trim().replace(/\n{3,}/g, '\n\n');

/**
 * Builds the letter a decision notifies, from the procedure's letter template, the shared layout,
 * the case as the portal sent it and what the clerk decided. Pure: the same inputs give the same
 * document (and so the same PDF bytes).
 */
export function composeLetter(
  layout: LetterLayout,
  template: LetterTemplate,
  procedure: ProcedureDefinition,
  record: PortalApplication,
  decision: LetterDecision,
  issue: LetterIssue,
): LetterDocument {
  const office = officeName(issue.officeCode);
  const issuedOn = isoDay(issue.issuedAt);
  const values = {
    reference: record.reference,
    submittedOn: frenchDate(record.submittedAt.slice(0, 10)),
    procedure: procedure.title.fr,
    office,
  };
  const t = (text: string, extra: Record<string, string> = {}) =>
    typographic(fill(text, { ...values, ...extra }));
  const blocks: LetterBlock[] = [];
  let wording: { title: string; object: string; closing: string };
  let answerBy: string | null = null;

  switch (decision.kind) {
    case 'rejection': {
      const words = layout.rejection;
      wording = words;
      blocks.push({ type: 'paragraph', text: t(words.opening) });
      blocks.push({
        type: 'paragraph',
        text: t(decision.reasonCodes.length > 1 ? words.decisionPlural : words.decision),
      });
      blocks.push({
        type: 'list',
        items: decision.reasonCodes.map((code) =>
          typographic(template.rejection.reasons[code] ?? code),
        ),
      });
      if (decision.comment.trim() !== '') {
        blocks.push({ type: 'heading', text: t(words.commentHeading) });
        blocks.push({ type: 'quote', text: clerkText(decision.comment) });
      }
      const { gracious, contentious } = template.rejection.appeal;
      blocks.push({ type: 'heading', text: t(words.appealHeading) });
      blocks.push({ type: 'paragraph', text: t(words.gracious, gracious) });
      blocks.push({ type: 'paragraph', text: t(words.contentious, contentious) });
      blocks.push({ type: 'paragraph', text: t(words.newApplication) });
      break;
    }
    case 'info_request': {
      const words = layout.infoRequest;
      wording = words;
      answerBy = decision.answerBy;
      blocks.push({ type: 'paragraph', text: t(words.opening) });
      blocks.push({ type: 'paragraph', text: t(words.request) });
      const documentNames = new Map(procedure.documents.map((d) => [d.code, d.label.fr]));
      const fieldNames = new Map(procedureFields(procedure).map((f) => [f.id, f.label.fr]));
      if (decision.missingDocuments.length > 0) {
        blocks.push({ type: 'heading', text: t(words.documentsHeading) });
        blocks.push({
          type: 'list',
          items: decision.missingDocuments.map((code) =>
            typographic(documentNames.get(code) ?? code),
          ),
        });
      }
      if (decision.fieldsToCorrect.length > 0) {
        blocks.push({ type: 'heading', text: t(words.fieldsHeading) });
        blocks.push({
          type: 'list',
          items: decision.fieldsToCorrect.map((id) => typographic(fieldNames.get(id) ?? id)),
        });
      }
      if (decision.message.trim() !== '') {
        blocks.push({ type: 'heading', text: t(words.commentHeading) });
        blocks.push({ type: 'quote', text: clerkText(decision.message) });
      }
      blocks.push({ type: 'paragraph', text: t(words.answerBy, { date: frenchDate(answerBy) }) });
      blocks.push({ type: 'paragraph', text: typographic(template.infoRequest.afterDeadline) });
      blocks.push({ type: 'paragraph', text: t(words.pause) });
      break;
    }
    case 'approval': {
      const words = layout.approval;
      wording = words;
      blocks.push({ type: 'paragraph', text: t(words.opening) });
      blocks.push({ type: 'paragraph', text: t(words.decision) });
      for (const text of template.approval?.body ?? []) {
        blocks.push({ type: 'paragraph', text: t(text) });
      }
      if (decision.comment && decision.comment.trim() !== '') {
        blocks.push({ type: 'heading', text: t(words.commentHeading) });
        blocks.push({ type: 'quote', text: clerkText(decision.comment) });
      }
      break;
    }
  }
  const { labels } = layout;
  // The closing formula names the addressee as the salutation did (« Madame » alone, say).
  const salutation = salutationOf(record, t(labels.salutation));
  const closing = t(wording.closing).replace(
    t(labels.salutation).replace(/,$/, ''),
    salutation.replace(/,$/, ''),
  );
  return {
    format: 1,
    kind: decision.kind,
    number: issue.number,
    procedureCode: procedure.code,
    reference: record.reference,
    officeCode: issue.officeCode,
    issuedAt: issue.issuedAt.toISOString(),
    issuedOn,
    madeAt: t(labels.madeAt, { date: frenchDate(issuedOn) }),
    country: layout.country,
    motto: layout.motto,
    ministry: typographic(procedure.ministry.fr),
    direction: typographic(procedure.direction.fr),
    officeLine: t(labels.officeLine),
    title: t(wording.title),
    object: { label: t(labels.object), text: t(wording.object) },
    referenceLine: { label: t(labels.reference), text: t(labels.referenceText) },
    addressee: { label: t(labels.addressee), lines: addresseeLines(record, t(labels.addressee)) },
    salutation,
    blocks,
    closing,
    signatory: { name: template.signatory.name, title: typographic(template.signatory.title) },
    handledBy: t(labels.caseHandledBy, { clerk: issue.clerk.displayName }),
    answerBy,
    keyId: issue.keyId,
    qrText: null,
    labels: {
      number: labels.number,
      electronicSignature: labels.electronicSignature,
      verification: labels.verification,
      verificationHint: typographic(layout.verificationHint),
      specimen: labels.specimen,
      specimenNotice: labels.specimenNotice,
      preview: labels.preview,
      previewNotice: typographic(labels.previewNotice),
      page: labels.page,
    },
    footerMentions: layout.footerMentions.map(typographic),
    colors: layout.colors,
    ...(issue.training ? { training: true as const } : {}),
    ...(issue.preview ? { preview: true as const } : {}),
  };
}

/** Whether a procedure's favourable decision goes with a cover letter (its letter data says). */
export const needsCoverLetter = (template: LetterTemplate) =>
  template.approval?.coverLetter === true;
