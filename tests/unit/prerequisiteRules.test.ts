import { readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { CatalogError, loadCatalog } from '../../src/main/core/catalog/loadCatalog';
import { tempDir } from '../support/paths';

/** Prerequisite rules and fraud-related reasons are data (issue 20 §2), checked at start-up. */

const proceduresDir = join(import.meta.dirname, '..', '..', 'resources', 'procedures');
// eslint-disable-next-line @typescript-eslint/no-explicit-any
const original = (code: string): Record<string, any> =>
  JSON.parse(readFileSync(join(proceduresDir, `${code}.json`), 'utf8'));

function loadError(files: Record<string, unknown>): CatalogError {
  const dir = tempDir('bureau-prerequisites-');
  for (const [name, content] of Object.entries(files)) {
    writeFileSync(join(dir, name), JSON.stringify(content));
  }
  try {
    loadCatalog(dir);
  } catch (error) {
    expect(error).toBeInstanceOf(CatalogError);
    return error as CatalogError;
  }
  throw new Error('loadCatalog accepted an invalid catalog');
}

describe('prerequisite rules in the procedure definitions', () => {
  const catalog = loadCatalog(proceduresDir);

  it('name the field, the procedure whose certificate it must be and the checklist item', () => {
    const rules = Object.fromEntries(
      catalog.procedures.flatMap((procedure) =>
        (procedure.prerequisites ?? []).map((rule) => [
          procedure.code,
          [rule.field, rule.procedureCode, rule.checklistItem],
        ]),
      ),
    );
    expect(rules).toEqual({
      'COM-APIPS': ['importerCardNumber', 'COM-IMPEX', 'carteImportateurValide'],
      'ART-CFA': ['apprenticeRegistrationNumber', 'ART-APP', 'apprentiEnregistre'],
      'ART-DIP': ['candidateNumber', 'ART-CFA', 'resultatVerifie'],
      'ART-APP': ['masterCardNumber', 'ART-CP', 'maitreQualifie'],
    });
  });

  it('mark the fraud-related reject reasons', () => {
    const fraud = catalog.procedures.flatMap((procedure) =>
      procedure.rejectReasons
        .filter((reason) => reason.fraudRelated)
        .map((reason) => `${procedure.code}:${reason.code}`),
    );
    expect(fraud.sort()).toEqual([
      'ART-DIP:IDENTITE_DISCORDANTE',
      'COM-APIPS:PIECE_FALSIFIEE',
      'COM-IMPEX:PIECE_FALSIFIEE',
    ]);
  });

  const withRule = (rule: Record<string, unknown>) => {
    const apips = original('COM-APIPS');
    apips.prerequisites = [{ ...apips.prerequisites[0], ...rule }];
    return apips;
  };

  it('refuses a rule on a field the form does not have', () => {
    const error = loadError({ 'COM-APIPS.json': withRule({ field: 'cardNumber' }) });
    expect(error.field).toBe('prerequisites.0.field');
  });

  it('refuses a rule for a checklist item the procedure does not have', () => {
    const error = loadError({ 'COM-APIPS.json': withRule({ checklistItem: 'carteValide' }) });
    expect(error.field).toBe('prerequisites.0.checklistItem');
  });

  it('refuses a rule naming a procedure the catalog does not have', () => {
    const error = loadError({
      'COM-APIPS.json': withRule({ procedureCode: 'COM-CARTE' }),
      'COM-IMPEX.json': original('COM-IMPEX'),
    });
    expect(error.file).toBe('COM-APIPS.json');
    expect(error.field).toBe('prerequisites.0.procedureCode');
  });
});
