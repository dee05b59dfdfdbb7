import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import { procedureFields, type ProcedureDefinition } from '../../../shared/catalog/procedureSchema';
import type { Catalog } from '../catalog/loadCatalog';
import {
  APPLICANT_SOURCES,
  CASE_SOURCES,
  COMPANY_SOURCES,
  SOURCE_PATTERN,
  certificateLayout,
  certificateTemplate,
  type CertificateLayout,
  type CertificateTemplate,
} from './templateSchema';

/** Raised when a template is unreadable or invalid; the message names the file and the field. */
export class CertificateTemplateError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    detail: string,
  ) {
    super(`Modèles de certificats : fichier « ${file} », champ « ${field} » : ${detail}`);
    this.name = 'CertificateTemplateError';
  }
}

export interface CertificateTemplates {
  readonly layout: CertificateLayout;
  /** The template of a procedure; every procedure of the catalog has one (checked at start-up). */
  get(procedureCode: string): CertificateTemplate;
}

export const LAYOUT_FILE = 'layout.json';

const describePath = (path: readonly PropertyKey[]) =>
  path.length === 0 ? '(racine)' : path.map(String).join('.');

function parseFile<T>(file: string, text: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CertificateTemplateError(
      file,
      '(racine)',
      `JSON illisible (${(error as Error).message})`,
    );
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as z.core.$ZodIssue;
    throw new CertificateTemplateError(file, describePath(issue.path), issue.message);
  }
  return parsed.data;
}

const asList = (source: string | string[]) => (Array.isArray(source) ? source : [source]);

/** Each source must exist for this procedure; optional form fields must be printed as optional. */
function checkSources(file: string, template: CertificateTemplate, procedure: ProcedureDefinition) {
  const fields = new Map(procedureFields(procedure).map((field) => [field.id, field]));
  const check = (path: string, source: string | string[], optional: boolean) => {
    asList(source).forEach((one, index) => {
      const where = Array.isArray(source) ? `${path}.${index}` : path;
      const [, scope, name] = SOURCE_PATTERN.exec(one) ?? [];
      const fail = (detail: string) => {
        throw new CertificateTemplateError(file, where, detail);
      };
      if (scope === 'applicant' && !(APPLICANT_SOURCES as readonly string[]).includes(name!)) {
        fail(`donnée du demandeur inconnue « ${one} » (connues : ${APPLICANT_SOURCES.join(', ')})`);
      }
      if (scope === 'company') {
        if (procedure.applicantKind !== 'company') {
          fail(`« ${one} » : la procédure ${procedure.code} ne concerne pas une entreprise`);
        }
        if (!(COMPANY_SOURCES as readonly string[]).includes(name!)) {
          fail(`donnée d'entreprise inconnue « ${one} » (connues : ${COMPANY_SOURCES.join(', ')})`);
        }
      }
      if (scope === 'case' && !(CASE_SOURCES as readonly string[]).includes(name!)) {
        fail(`donnée du dossier inconnue « ${one} » (connues : ${CASE_SOURCES.join(', ')})`);
      }
      if (scope === 'form') {
        const field = fields.get(name!);
        if (!field) fail(`champ de formulaire inconnu « ${name} » pour ${procedure.code}`);
        if (!field!.required && !optional) {
          fail(`le champ « ${name} » est facultatif dans le formulaire : ajoutez "optional": true`);
        }
      }
    });
  };
  check('holder.source', template.holder.source, false);
  template.fields.forEach((field, index) =>
    check(`fields.${index}.source`, field.source, field.optional),
  );
  template.qrFacts.forEach((fact, index) => check(`qrFacts.${index}.source`, fact.source, false));
}

export function parseTemplateFile(
  file: string,
  text: string,
  catalog: Catalog,
): CertificateTemplate {
  const template = parseFile(file, text, certificateTemplate);
  const expectedName = `${template.procedureCode}.json`;
  if (file !== expectedName) {
    throw new CertificateTemplateError(
      file,
      'procedureCode',
      `le fichier doit s'appeler « ${expectedName} »`,
    );
  }
  const procedure = catalog.get(template.procedureCode);
  if (!procedure) {
    throw new CertificateTemplateError(
      file,
      'procedureCode',
      `procédure inconnue du catalogue « ${template.procedureCode} »`,
    );
  }
  if (template.title !== procedure.certificate.title.fr) {
    throw new CertificateTemplateError(
      file,
      'title',
      `« ${template.title} » diffère du titre du catalogue (« ${procedure.certificate.title.fr} »)`,
    );
  }
  if (template.validityMonths !== procedure.certificate.validityMonths) {
    throw new CertificateTemplateError(
      file,
      'validityMonths',
      `${template.validityMonths} diffère de la validité du catalogue (${procedure.certificate.validityMonths})`,
    );
  }
  checkSources(file, template, procedure);
  return template;
}

/**
 * Reads and validates the layout and every procedure's template; the first problem stops
 * start-up with a French message naming the file and the field. Every procedure of the catalog
 * must have its template: approving a case must always be able to produce its certificate.
 */
export function loadCertificateTemplates(
  directory: string,
  catalog: Catalog,
): CertificateTemplates {
  const layoutPath = join(directory, LAYOUT_FILE);
  if (!existsSync(layoutPath)) {
    throw new CertificateTemplateError(
      LAYOUT_FILE,
      '(fichier)',
      'mise en page commune introuvable',
    );
  }
  const layout = parseFile(LAYOUT_FILE, readFileSync(layoutPath, 'utf8'), certificateLayout);
  // Training certificates must be marked: the layout says how (see templateSchema.ts).
  for (const label of ['specimen', 'specimenNotice'] as const) {
    if (!layout.labels[label]) {
      throw new CertificateTemplateError(LAYOUT_FILE, `labels.${label}`, 'texte attendu');
    }
  }
  const byCode = new Map<string, CertificateTemplate>();
  const files = readdirSync(directory)
    .filter((name) => name.endsWith('.json') && name !== LAYOUT_FILE)
    .sort();
  for (const file of files) {
    const template = parseTemplateFile(file, readFileSync(join(directory, file), 'utf8'), catalog);
    byCode.set(template.procedureCode, template);
  }
  for (const procedure of catalog.procedures) {
    if (!byCode.has(procedure.code)) {
      throw new CertificateTemplateError(
        `${procedure.code}.json`,
        '(fichier)',
        `modèle de certificat manquant pour la procédure ${procedure.code}`,
      );
    }
  }
  return {
    layout,
    get(procedureCode) {
      const template = byCode.get(procedureCode);
      if (!template) throw new Error(`no certificate template for ${procedureCode}`);
      return template;
    },
  };
}
