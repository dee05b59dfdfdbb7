import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { z } from 'zod';
import {
  shippedTextModuleFile,
  type ShippedTextModuleFile,
  type TextModule,
} from '../../../shared/textModules/textModule';

/** A shipped phrases file is unreadable or wrong: Bureau refuses to start, naming file and field. */
export class TextModuleFileError extends Error {
  constructor(file: string, field: string, detail: string) {
    super(`Modules de texte : fichier « ${file} », champ « ${field} » : ${detail}`);
    this.name = 'TextModuleFileError';
  }
}

/** The file a procedure's phrases live in; `common.json` holds those of every procedure. */
const fileNameOf = (procedureCode: string) =>
  procedureCode === '*' ? 'common.json' : `${procedureCode}.json`;

/**
 * One file of `resources/text-modules/`, checked: its schema, its name, its procedure in the
 * catalog, and one phrase per keyword.
 */
export function parseTextModuleFile(
  file: string,
  text: string,
  knownProcedure: (code: string) => boolean,
): ShippedTextModuleFile {
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch (error) {
    throw new TextModuleFileError(file, '(racine)', `JSON illisible (${(error as Error).message})`);
  }
  const parsed = shippedTextModuleFile.safeParse(json);
  if (!parsed.success) {
    const issue = parsed.error.issues[0] as z.core.$ZodIssue;
    const path = issue.path.length === 0 ? '(racine)' : issue.path.map(String).join('.');
    throw new TextModuleFileError(file, path, issue.message);
  }
  const { procedureCode, modules } = parsed.data;
  if (file !== fileNameOf(procedureCode)) {
    throw new TextModuleFileError(
      file,
      'procedureCode',
      `le fichier doit s'appeler « ${fileNameOf(procedureCode)} »`,
    );
  }
  if (procedureCode !== '*' && !knownProcedure(procedureCode)) {
    throw new TextModuleFileError(file, 'procedureCode', `procédure inconnue « ${procedureCode} »`);
  }
  const seen = new Set<string>();
  modules.forEach((module, index) => {
    if (seen.has(module.keyword)) {
      throw new TextModuleFileError(
        file,
        `modules.${index}.keyword`,
        `mot-clé « ${module.keyword} » en double`,
      );
    }
    seen.add(module.keyword);
  });
  return parsed.data;
}

/** The shipped phrases as the API serves them. */
export function shippedModulesOf(file: ShippedTextModuleFile): TextModule[] {
  const procedureCode = file.procedureCode === '*' ? null : file.procedureCode;
  return file.modules.map((module) => ({
    id: `shipped:${file.procedureCode}:${module.keyword}`,
    origin: 'shipped',
    keyword: module.keyword,
    title: { fr: module.title.fr, en: module.title.en },
    body: module.body,
    procedureCode,
    contexts: [...module.contexts],
    officeCode: null,
    updatedAt: null,
    updatedBy: null,
    retiredAt: null,
  }));
}

/** Every phrase under `dir` (a missing folder: none), common ones first. */
export function loadShippedTextModules(
  dir: string,
  knownProcedure: (code: string) => boolean,
): TextModule[] {
  let files: string[];
  try {
    files = readdirSync(dir).filter((name) => name.endsWith('.json'));
  } catch {
    return [];
  }
  files.sort((a, b) => (a === 'common.json' ? -1 : b === 'common.json' ? 1 : a.localeCompare(b)));
  return files.flatMap((file) =>
    shippedModulesOf(
      parseTextModuleFile(file, readFileSync(join(dir, file), 'utf8'), knownProcedure),
    ),
  );
}
