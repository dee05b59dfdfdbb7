import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import type { Catalog } from '../catalog/loadCatalog';
import {
  letterLayout,
  letterTemplate,
  type LetterLayout,
  type LetterTemplate,
} from './letterTemplateSchema';

/** Raised when a letter template is unreadable or invalid; names the file and the field. */
export class LetterTemplateError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    detail: string,
  ) {
    super(`Modèles de courriers : fichier « ${file} », champ « ${field} » : ${detail}`);
    this.name = 'LetterTemplateError';
  }
}

export interface LetterTemplates {
  readonly layout: LetterLayout;
  /** Every procedure of the catalog has its letters (checked at start-up). */
  get(procedureCode: string): LetterTemplate;
}

const LAYOUT_FILE = 'layout.json';

function parseFile<T>(file: string, text: string, schema: z.ZodType<T>): T {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new LetterTemplateError(file, '(racine)', `JSON illisible (${(error as Error).message})`);
  }
  const parsed = schema.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as z.core.$ZodIssue;
    const field = issue.path.length === 0 ? '(racine)' : issue.path.map(String).join('.');
    throw new LetterTemplateError(file, field, issue.message);
  }
  return parsed.data;
}

/**
 * Loads and checks `resources/letters/`: the layout, then one file per procedure of the catalog,
 * each naming its own procedure, giving legal wording to exactly the procedure's reject reason
 * codes (none missing, none unknown). A file for a procedure the catalog lacks is refused too:
 * it would be a typo nobody notices.
 */
export function loadLetterTemplates(directory: string, catalog: Catalog): LetterTemplates {
  const layoutPath = join(directory, LAYOUT_FILE);
  if (!existsSync(layoutPath)) {
    throw new LetterTemplateError(LAYOUT_FILE, '(racine)', 'fichier absent');
  }
  const layout = parseFile(LAYOUT_FILE, readFileSync(layoutPath, 'utf8'), letterLayout);
  const templates = new Map<string, LetterTemplate>();
  for (const file of readdirSync(directory).sort()) {
    if (!file.endsWith('.json') || file === LAYOUT_FILE) continue;
    const template = parseFile(file, readFileSync(join(directory, file), 'utf8'), letterTemplate);
    if (`${template.procedureCode}.json` !== file) {
      throw new LetterTemplateError(
        file,
        'procedureCode',
        `le fichier doit s’appeler ${template.procedureCode}.json`,
      );
    }
    const procedure = catalog.get(template.procedureCode);
    if (!procedure) {
      throw new LetterTemplateError(file, 'procedureCode', 'procédure absente du catalogue');
    }
    const known = procedure.rejectReasons.map((reason) => reason.code);
    const worded = Object.keys(template.rejection.reasons);
    const missing = known.filter((code) => !worded.includes(code));
    if (missing.length > 0) {
      throw new LetterTemplateError(
        file,
        'rejection.reasons',
        `motifs sans rédaction : ${missing.join(', ')}`,
      );
    }
    const unknown = worded.filter((code) => !known.includes(code));
    if (unknown.length > 0) {
      throw new LetterTemplateError(
        file,
        'rejection.reasons',
        `motifs inconnus de la procédure : ${unknown.join(', ')}`,
      );
    }
    templates.set(template.procedureCode, template);
  }
  for (const procedure of catalog.procedures) {
    if (!templates.has(procedure.code)) {
      throw new LetterTemplateError(`${procedure.code}.json`, '(racine)', 'fichier absent');
    }
  }
  return {
    layout,
    get(procedureCode) {
      const template = templates.get(procedureCode);
      if (!template) throw new Error(`no letter template for ${procedureCode}`);
      return template;
    },
  };
}
