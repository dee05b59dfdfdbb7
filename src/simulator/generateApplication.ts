import type { ProcedureDefinition } from '../shared/catalog/procedureSchema';
import type { PortalApplication, PortalDocument } from '../shared/portal/portalApplication';
import {
  EXTENSIONS,
  sharedAttachmentPool,
  type AttachmentPool,
  type AttachmentSpec,
} from './attachments';
import { generateForm } from './generateForm';
import { renderRecordDocument } from './recordDocuments';
import { generateApplicant, generateCompany, generatePerson, MS_PER_DAY } from './generateIdentity';
import type { Random } from './random';

/**
 * One realistic application as the portal would serve it. Pure and deterministic: the same
 * random stream, sequence and `now` give the same record. Its PDF documents are written from
 * its own data (recordDocuments.ts: the invoice names its company and its amount); its images
 * come from the shared pool of rendered variants (attachments.ts).
 */
export interface GenerateApplicationOptions {
  /** 1-based position in the portal's intake; becomes part of the id and the reference. */
  sequence: number;
  procedures: readonly ProcedureDefinition[];
  now: Date;
  /** The submission falls within this many days before `now` (default 60). */
  withinDays?: number;
  attachments?: AttachmentPool;
}

/** How often each procedure is requested: import-export and artisans' cards dominate. */
const PROCEDURE_WEIGHTS: Record<string, number> = {
  'COM-IMPEX': 25,
  'ART-CP': 22,
  'COM-APIPS': 12,
  'ART-APP': 11,
  'COM-CO': 9,
  'ART-CFA': 8,
  'ART-DIP': 7,
  'COM-AMM': 6,
};
const UNKNOWN_PROCEDURE_WEIGHT = 5;

/** Age bounds of the person who submits, by procedure (the manager, the master, the apprentice). */
const APPLICANT_AGES: Record<string, readonly [number, number]> = {
  'ART-CP': [20, 60],
  'ART-APP': [28, 65],
  'ART-CFA': [17, 28],
  'ART-DIP': [18, 30],
};
const COMPANY_APPLICANT_AGES = [25, 65] as const;

const OPTIONAL_DOCUMENT_RATE = 0.4;

interface PreparedProcedure {
  procedure: ProcedureDefinition;
  documents: { spec: AttachmentSpec; required: boolean; baseName: string }[];
}

const preparedCache = new WeakMap<
  readonly ProcedureDefinition[],
  (readonly [PreparedProcedure, number])[]
>();

function prepare(procedures: readonly ProcedureDefinition[]) {
  let prepared = preparedCache.get(procedures);
  if (!prepared) {
    if (procedures.length === 0) throw new Error('generateApplication : aucune procédure');
    prepared = procedures.map((procedure) => {
      const entry: PreparedProcedure = {
        procedure,
        documents: procedure.documents.map((document) => ({
          spec: {
            procedureCode: procedure.code,
            procedureTitle: procedure.title.fr,
            documentCode: document.code,
            documentLabel: document.label.fr,
            mimeTypes: document.mimeTypes,
          },
          required: document.required,
          // French file names from the document code: FACTURE_PROFORMA → facture-proforma.
          baseName: document.code.toLowerCase().replaceAll('_', '-'),
        })),
      };
      return [entry, PROCEDURE_WEIGHTS[procedure.code] ?? UNKNOWN_PROCEDURE_WEIGHT] as const;
    });
    preparedCache.set(procedures, prepared);
  }
  return prepared;
}

/** `COM-IMPEX-2025-000123`; the counter wraps at a million, so references stay unique to 1M. */
function referenceOf(code: string, year: number, sequence: number): string {
  return `${code}-${year}-${String(sequence % 1_000_000).padStart(6, '0')}`;
}

export function generateApplication(
  rng: Random,
  options: GenerateApplicationOptions,
): PortalApplication {
  const { procedure, documents } = rng.weighted(prepare(options.procedures));
  const pool = options.attachments ?? sharedAttachmentPool;
  const nowMs = options.now.getTime();
  const withinMs = (options.withinDays ?? 60) * MS_PER_DAY;
  const submittedMs = Math.floor(rng.between(nowMs - withinMs, nowMs) / 1000) * 1000;
  const submittedDayMs = submittedMs - (submittedMs % MS_PER_DAY);
  const submittedAt = new Date(submittedMs).toISOString();
  const year = new Date(submittedMs).getUTCFullYear();

  const isCompany = procedure.applicantKind === 'company';
  const [minAge, maxAge] = isCompany
    ? COMPANY_APPLICANT_AGES
    : (APPLICANT_AGES[procedure.code] ?? COMPANY_APPLICANT_AGES);
  const { applicant, person } = generateApplicant(rng, {
    kind: procedure.applicantKind,
    submittedDayMs,
    minAge,
    maxAge,
  });
  const company = isCompany
    ? generateCompany(rng, {
        founder: rng.chance(0.7) ? person : generatePerson(rng),
        region: applicant.region,
        city: applicant.city,
        submittedYear: year,
      })
    : null;

  const form = generateForm({ rng, procedure, applicant, company, submittedMs, submittedDayMs });

  const serial = String(options.sequence).padStart(6, '0');
  const suffix = rng.base36(6);
  const attached: PortalDocument[] = [];
  const record: PortalApplication = {
    id: `app-${serial}-${suffix}`,
    reference: referenceOf(procedure.code, year, options.sequence),
    procedureCode: procedure.code,
    status: 'submitted',
    version: 1,
    submittedAt,
    updatedAt: submittedAt,
    applicant,
    company: company
      ? { name: company.name, legalForm: company.legalForm, nif: company.nif, rccm: company.rccm }
      : null,
    form,
    documents: attached,
  };
  for (const document of documents) {
    if (!document.required && !rng.chance(OPTIONAL_DOCUMENT_RATE)) continue;
    // The variant decides the file type as it always did (the random stream is unchanged); a
    // PDF is then this record's own document, an image one of the pool's.
    const variant = rng.int(0, pool.variants - 1);
    const { spec } = document;
    const body =
      spec.mimeTypes[variant % spec.mimeTypes.length] === 'application/pdf'
        ? {
            mimeType: 'application/pdf' as const,
            ...renderRecordDocument(record, procedure, spec.documentCode, spec.documentLabel),
          }
        : pool.get(spec, variant);
    attached.push({
      id: `doc-${serial}-${suffix}-${attached.length + 1}`,
      code: spec.documentCode,
      fileName: `${document.baseName}.${EXTENSIONS[body.mimeType]}`,
      mimeType: body.mimeType,
      size: body.size,
      sha256: body.sha256,
    });
  }
  return record;
}

/** The application a document id belongs to: `doc-000123-ab12cd-2` → `app-000123-ab12cd`. */
export function applicationIdOfDocument(documentId: string): string | null {
  const match = /^doc-(\d+-[a-z0-9]+)-\d+$/.exec(documentId);
  return match ? `app-${match[1]}` : null;
}
