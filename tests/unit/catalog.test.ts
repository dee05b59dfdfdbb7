import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogError, loadCatalog } from '../../src/main/core/catalog/loadCatalog';
import { procedureFields } from '../../src/shared/catalog/procedureSchema';
import { tempDir } from '../support/paths';

const proceduresDir = join(import.meta.dirname, '..', '..', 'resources', 'procedures');
const CODES = [
  'ART-APP',
  'ART-CFA',
  'ART-CP',
  'ART-DIP',
  'COM-AMM',
  'COM-APIPS',
  'COM-CO',
  'COM-IMPEX',
];

/** A procedure file as plain JSON, to be broken on purpose. */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
type ProcedureJson = Record<string, any>;
const original = (code: string) =>
  JSON.parse(readFileSync(join(proceduresDir, `${code}.json`), 'utf8')) as ProcedureJson;

/** Writes one file into a fresh temp directory and returns the loader's error. */
function loadError(fileName: string, content: string): CatalogError {
  const dir = tempDir('bureau-catalog-');
  writeFileSync(join(dir, fileName), content);
  try {
    loadCatalog(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogError);
    return error as CatalogError;
  }
  throw new Error('loadCatalog accepted an invalid file');
}

describe('procedure catalog (resources/procedures)', () => {
  const catalog = loadCatalog(proceduresDir);

  it('loads the eight procedures of the first catalog', () => {
    expect(catalog.procedures.map((procedure) => procedure.code)).toEqual(CODES);
  });

  it.each(CODES)('%s is complete and consistent', (code) => {
    const procedure = catalog.get(code)!;
    expect(procedure.applicantKind).toBe(code.startsWith('COM-') ? 'company' : 'person');
    expect(procedure.slaWorkingDays).toBeGreaterThanOrEqual(5);
    expect(procedure.slaWorkingDays).toBeLessThanOrEqual(30);
    expect(procedure.documents.length).toBeGreaterThanOrEqual(3);
    expect(procedure.documents.length).toBeLessThanOrEqual(6);
    expect(procedure.checklist.length).toBeGreaterThanOrEqual(4);
    expect(procedure.checklist.length).toBeLessThanOrEqual(8);
    expect(procedure.rejectReasons.length).toBeGreaterThanOrEqual(4);
    expect(procedure.rejectReasons.length).toBeLessThanOrEqual(7);
    // Identity and company travel outside `form`; the sections hold procedure fields only.
    const ids = procedureFields(procedure).map((field) => field.id);
    for (const identity of ['nif', 'rccm', 'companyName', 'email', 'region', 'firstName']) {
      expect(ids).not.toContain(identity);
    }
  });

  it('requires a supervisor sign-off for sensitive imports', () => {
    expect(catalog.get('COM-APIPS')!.signOffRequired).toBe(true);
    expect(catalog.get('COM-IMPEX')!.certificate.validityMonths).toBe(12);
    expect(catalog.get('COM-APIPS')!.certificate.validityMonths).toBe(6);
  });

  it('offers only destinations outside ECOWAS for the certificate of origin', () => {
    const field = procedureFields(catalog.get('COM-CO')!).find(
      (candidate) => candidate.id === 'destinationCountry',
    );
    expect(field?.type).toBe('select');
    const values = field?.type === 'select' ? field.options.map((option) => option.value) : [];
    expect(values).toEqual(expect.arrayContaining(['BF', 'ML', 'NE', 'FR', 'CN']));
    expect(values).not.toEqual(expect.arrayContaining(['GH']));
    expect(values).not.toContain('BJ');
    expect(values).not.toContain('TG');
  });
});

describe('malformed procedure files', () => {
  it('names the file on unreadable JSON', () => {
    const error = loadError('COM-IMPEX.json', '{ "code": "COM-IMPEX", ');
    expect(error.file).toBe('COM-IMPEX.json');
    expect(error.field).toBe('(racine)');
    expect(error.message).toContain('COM-IMPEX.json');
    expect(error.message).toContain('JSON illisible');
  });

  it('names the field when the French title is missing', () => {
    const procedure = original('COM-IMPEX');
    delete procedure.title.fr;
    const error = loadError('COM-IMPEX.json', JSON.stringify(procedure));
    expect(error.field).toBe('title.fr');
    expect(error.message).toContain('COM-IMPEX.json');
    expect(error.message).toContain('title.fr');
  });

  it('names the field of an unknown field type', () => {
    const procedure = original('ART-CP');
    procedure.sections[1].fields[0].type = 'signature';
    const error = loadError('ART-CP.json', JSON.stringify(procedure));
    expect(error.file).toBe('ART-CP.json');
    expect(error.field).toBe('sections.1.fields.0.type');
    expect(error.message).toContain('sections.1.fields.0.type');
  });

  it('names the duplicated field id', () => {
    const procedure = original('COM-APIPS');
    const first = procedure.sections[0].fields[0];
    procedure.sections[2].fields.push({ ...first });
    const error = loadError('COM-APIPS.json', JSON.stringify(procedure));
    const last = procedure.sections[2].fields.length - 1;
    expect(error.field).toBe(`sections.2.fields.${last}.id`);
    expect(error.message).toContain('COM-APIPS.json');
    expect(error.message).toContain(first.id);
  });

  it('refuses a file whose name does not match its code', () => {
    const error = loadError('COM-CO-copie.json', JSON.stringify(original('COM-CO')));
    expect(error.file).toBe('COM-CO-copie.json');
    expect(error.field).toBe('code');
    expect(error.message).toContain('COM-CO.json');
  });
});
