import type { CertificateFacts } from '../../../shared/api/certificateTypes';
import {
  procedureFields,
  type FieldDefinition,
  type ProcedureDefinition,
} from '../../../shared/catalog/procedureSchema';
import { OFFICES } from '../../../shared/domain/offices';
import type { PortalApplication } from '../../../shared/portal/portalApplication';
import type { CertificateDocument } from './certificateDocument';
import {
  frenchAmount,
  frenchDate,
  frenchNumber,
  hsCode,
  isoDay,
  lastValidDay,
  typographic,
} from './frenchFormat';
import { SOURCE_PATTERN, type CertificateLayout, type CertificateTemplate } from './templateSchema';

/**
 * Resolves a template against a case: every printed value becomes its final French text (select
 * options by their label, dates « 23 novembre 2026 », amounts « 1 250 000 FCFA », countries by
 * name), then the QR facts, then the whole document the PDF is drawn from.
 */

const countryNames = new Intl.DisplayNames(['fr'], { type: 'region' });
const MISSING = '—';

function countryName(code: string): string {
  try {
    return /^[A-Z]{2}$/.test(code) ? (countryNames.of(code) ?? code) : code;
  } catch {
    return code;
  }
}

function formatField(field: FieldDefinition, value: string | number | boolean): string {
  switch (field.type) {
    case 'select':
      return field.options.find((option) => option.value === value)?.label.fr ?? String(value);
    case 'amount':
      return typeof value === 'number' ? frenchAmount(value) : String(value);
    case 'number': {
      if (typeof value !== 'number') return String(value);
      const unit = field.unit?.fr;
      if (!unit) return frenchNumber(value);
      return unit.startsWith('/')
        ? `${frenchNumber(value)}${unit}`
        : `${frenchNumber(value)}\u00a0${unit}`;
    }
    case 'date':
      return frenchDate(String(value));
    case 'boolean':
      return value === true ? 'Oui' : 'Non';
    case 'hsCode':
      return hsCode(String(value));
    case 'country':
      return countryName(String(value));
    case 'longText':
      return String(value)
        .replace(/\s*\n\s*/g, ' ; ')
        .trim();
    default:
      return String(value).trim();
  }
}

export interface ResolveContext {
  record: PortalApplication;
  procedure: ProcedureDefinition;
}

/** One source's printed text, or null when the case has no value for it. */
function resolveOne(
  source: string,
  context: ResolveContext,
): { text: string; select: boolean } | null {
  const [, scope, name] = SOURCE_PATTERN.exec(source) ?? [];
  const { record } = context;
  const present = (value: unknown): value is string | number | boolean =>
    value !== null && value !== undefined && value !== '';
  switch (scope) {
    case 'applicant': {
      const applicant = record.applicant;
      if (name === 'fullName')
        return { text: `${applicant.firstName} ${applicant.lastName}`, select: false };
      const value = applicant[name as keyof typeof applicant];
      if (!present(value)) return null;
      return {
        text: name === 'birthDate' ? frenchDate(String(value)) : String(value),
        select: false,
      };
    }
    case 'company': {
      const value = record.company?.[name as keyof NonNullable<PortalApplication['company']>];
      return present(value) ? { text: String(value), select: false } : null;
    }
    case 'case':
      return name === 'reference'
        ? { text: record.reference, select: false }
        : { text: frenchDate(record.submittedAt.slice(0, 10)), select: false };
    case 'form': {
      const value = record.form[name!];
      const field = procedureFields(context.procedure).find((candidate) => candidate.id === name);
      if (!present(value) || !field) return null;
      return { text: formatField(field, value), select: field.type === 'select' };
    }
    default:
      return null;
  }
}

/** Several sources joined (« 4 373 000 » + « litres »); null when none has a value. */
export function resolveSources(
  source: string | string[],
  context: ResolveContext,
  separator = ' ',
): string | null {
  const parts = (Array.isArray(source) ? source : [source]).flatMap((one, index) => {
    const part = resolveOne(one, context);
    if (!part) return [];
    // An option after a number reads in lower case: « 4 373 000 litres ».
    const lower = part.select && index > 0;
    return [
      lower ? part.text.charAt(0).toLocaleLowerCase('fr-FR') + part.text.slice(1) : part.text,
    ];
  });
  return parts.length > 0 ? parts.join(separator) : null;
}

export interface IssueFacts {
  number: string;
  issuedAt: Date;
  officeCode: string;
  issuedBy: { id: string; displayName: string };
  keyId: string;
  /** Issued in training mode (« Mode formation »): marked SPÉCIMEN in the QR code and on the page. */
  training?: boolean;
}

/** The facts the QR code carries (before signing). */
export function certificateFacts(
  template: CertificateTemplate,
  context: ResolveContext,
  issue: IssueFacts,
): CertificateFacts {
  const issuedOn = isoDay(issue.issuedAt);
  const keyFacts: Record<string, string> = {};
  for (const fact of template.qrFacts) {
    const value = resolveSources(fact.source, context);
    if (value) keyFacts[fact.label] = value;
  }
  return {
    number: issue.number,
    procedureCode: context.procedure.code,
    holder: resolveSources(template.holder.source, context) ?? MISSING,
    keyFacts,
    issuedOn,
    expiresOn:
      template.validityMonths === null ? null : lastValidDay(issuedOn, template.validityMonths),
    officeCode: issue.officeCode,
    keyId: issue.keyId,
    // Only on training certificates: a real certificate's facts (and payload) are unchanged.
    ...(issue.training ? { training: true as const } : {}),
  };
}

export function officeName(officeCode: string): string {
  return OFFICES.find((office) => office.code === officeCode)?.name ?? officeCode;
}

/** The whole printed document, once the QR text is signed. */
export function certificateDocument(
  template: CertificateTemplate,
  layout: CertificateLayout,
  context: ResolveContext,
  issue: IssueFacts,
  facts: CertificateFacts,
  qrText: string,
): CertificateDocument {
  const fields: { label: string; value: string }[] = [];
  for (const field of template.fields) {
    const value = resolveSources(field.source, context, field.separator);
    if (value === null && field.optional) continue;
    fields.push({ label: typographic(field.label), value: value ?? MISSING });
  }
  return {
    format: 1,
    number: issue.number,
    procedureCode: context.procedure.code,
    reference: context.record.reference,
    officeCode: issue.officeCode,
    officeName: officeName(issue.officeCode),
    issuedAt: issue.issuedAt.toISOString(),
    issuedOn: facts.issuedOn,
    expiresOn: facts.expiresOn,
    issuedOnText: frenchDate(facts.issuedOn),
    expiresOnText: facts.expiresOn ? frenchDate(facts.expiresOn) : null,
    holder: { label: typographic(template.holder.label), value: facts.holder },
    title: typographic(template.title),
    ministry: typographic(template.ministry),
    direction: typographic(template.direction),
    preamble: typographic(template.preamble),
    fields,
    legalMentions: template.legalMentions.map(typographic),
    signatory: typographic(template.signatory),
    issuedBy: issue.issuedBy,
    keyId: issue.keyId,
    qrText,
    layout: typographicLayout(layout),
    ...(facts.training ? { training: true as const } : {}),
  };
}

function typographicLayout(layout: CertificateLayout): CertificateLayout {
  const labels = Object.fromEntries(
    Object.entries(layout.labels).flatMap(([name, text]) =>
      text === undefined ? [] : [[name, typographic(text)]],
    ),
  ) as CertificateLayout['labels'];
  return {
    ...layout,
    labels,
    verificationHint: typographic(layout.verificationHint),
    footerMentions: layout.footerMentions.map(typographic),
  };
}
