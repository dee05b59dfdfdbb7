import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import {
  procedureDefinition,
  type ProcedureDefinition,
} from '../../../shared/catalog/procedureSchema';

/** Raised when a procedure file is unreadable or invalid; the message names the file and field. */
export class CatalogError extends Error {
  constructor(
    readonly file: string,
    readonly field: string,
    detail: string,
  ) {
    super(`Catalogue des procédures : fichier « ${file} », champ « ${field} » : ${detail}`);
    this.name = 'CatalogError';
  }
}

export interface Catalog {
  readonly procedures: readonly ProcedureDefinition[];
  get(code: string): ProcedureDefinition | undefined;
}

function describePath(path: readonly PropertyKey[]): string {
  return path.length === 0 ? '(racine)' : path.map(String).join('.');
}

export function parseProcedureFile(file: string, text: string): ProcedureDefinition {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new CatalogError(file, '(racine)', `JSON illisible (${(error as Error).message})`);
  }
  const parsed = procedureDefinition.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as z.core.$ZodIssue;
    throw new CatalogError(file, describePath(issue.path), issue.message);
  }
  const expectedName = `${parsed.data.code}.json`;
  if (file !== expectedName) {
    throw new CatalogError(file, 'code', `le fichier doit s'appeler « ${expectedName} »`);
  }
  return parsed.data;
}

export function createCatalog(procedures: readonly ProcedureDefinition[]): Catalog {
  const codes = new Set(procedures.map((procedure) => procedure.code));
  for (const procedure of procedures) {
    procedure.prerequisites?.forEach((rule, r) => {
      if (!codes.has(rule.procedureCode)) {
        throw new CatalogError(
          `${procedure.code}.json`,
          `prerequisites.${r}.procedureCode`,
          `procédure inconnue « ${rule.procedureCode} »`,
        );
      }
    });
  }
  const byCode = new Map(procedures.map((procedure) => [procedure.code, procedure]));
  return { procedures, get: (code) => byCode.get(code) };
}

/** Reads and validates every `*.json` in the directory; the first invalid file stops startup. */
export function loadCatalog(directory: string): Catalog {
  const files = readdirSync(directory)
    .filter((name) => name.endsWith('.json'))
    .sort();
  if (files.length === 0) {
    throw new CatalogError(directory, '(dossier)', 'aucune procédure trouvée');
  }
  return createCatalog(
    files.map((file) => parseProcedureFile(file, readFileSync(join(directory, file), 'utf8'))),
  );
}
