import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/main/core/catalog/loadCatalog';
import {
  loadShippedTextModules,
  parseTextModuleFile,
} from '../../src/main/core/textModules/shippedTextModules';
import {
  matchTextModules,
  textModulesFor,
  textModuleTrigger,
} from '../../src/shared/textModules/matchTextModules';
import {
  fillPlaceholders,
  frenchLongDate,
  placeholdersLeft,
  placeholderValuesOf,
  TEXT_MODULE_PLACEHOLDERS,
} from '../../src/shared/textModules/placeholders';
import type { TextModule } from '../../src/shared/textModules/textModule';
import { repoRoot } from '../support/testBureau';

const dir = join(repoRoot, 'resources', 'text-modules');
const catalog = loadCatalog(join(repoRoot, 'resources', 'procedures'));
const known = (code: string) => catalog.get(code) !== undefined;
const shipped = loadShippedTextModules(dir, known);

const SOURCE = {
  reference: 'COM-IMPEX-2026-000123',
  applicantName: 'Akossiwa Mensah',
  companyName: 'Ets Agbodjan & Fils',
  submittedAt: '2026-03-01T09:15:00.000Z',
  procedureTitle: "Carte d'importateur / d'exportateur",
  agentName: 'Kossi Agbodjan',
  officeName: 'Lomé',
};
const VALUES = placeholderValuesOf(SOURCE);

describe('shipped text modules (resources/text-modules)', () => {
  it('every file is valid, named for its procedure, and that procedure is in the catalog', () => {
    const files = readdirSync(dir).filter((file) => file.endsWith('.json'));
    expect(files).toContain('common.json');
    for (const file of files) {
      const parsed = parseTextModuleFile(file, readFileSync(join(dir, file), 'utf8'), known);
      expect(parsed.modules.length, file).toBeGreaterThan(0);
    }
  });

  it('offers phrases for each kind of box, with the phrases the issue names', () => {
    for (const context of ['reject', 'requestInfo', 'note'] as const) {
      expect(
        shipped.some((module) => module.contexts.includes(context)),
        context,
      ).toBe(true);
    }
    const keywords = new Set(shipped.map((module) => module.keyword));
    for (const keyword of ['illisible', 'cni-expiree', 'nif', 'rccm', 'signature', 'photo']) {
      expect(keywords, keyword).toContain(keyword);
    }
    expect(keywords).toContain('montants');
    expect(keywords).toContain('merci');
  });

  it('uses only known placeholders, and each fills completely from a company case', () => {
    for (const module of shipped) {
      const filled = fillPlaceholders(module.body, VALUES);
      expect(filled.unknown, module.id).toEqual([]);
      expect(filled.missing, module.id).toEqual([]);
      expect(placeholdersLeft(filled.text), module.id).toEqual([]);
    }
  });

  it('refuses a broken file, naming the file and the field', () => {
    const good = {
      keyword: 'piece',
      title: { fr: 'Pièce', en: 'Document' },
      body: 'Merci de joindre la pièce.',
      contexts: ['requestInfo'],
    };
    const parse = (file: string, json: unknown) => () =>
      parseTextModuleFile(file, JSON.stringify(json), known);
    expect(parse('COM-XYZ.json', { procedureCode: 'COM-XYZ', modules: [good] })).toThrow(
      /COM-XYZ\.json.*procédure inconnue/,
    );
    expect(parse('ART-CP.json', { procedureCode: 'COM-CO', modules: [good] })).toThrow(
      /doit s'appeler « COM-CO\.json »/,
    );
    expect(parse('common.json', { procedureCode: '*', modules: [good, good] })).toThrow(
      /modules\.1\.keyword.*en double/,
    );
    expect(
      parse('common.json', { procedureCode: '*', modules: [{ ...good, keyword: 'Pièce jointe' }] }),
    ).toThrow(/modules\.0\.keyword/);
    expect(
      parse('common.json', { procedureCode: '*', modules: [{ ...good, contexts: [] }] }),
    ).toThrow(/modules\.0\.contexts/);
    expect(() => parseTextModuleFile('common.json', '{', known)).toThrow(/JSON illisible/);
  });
});

describe('placeholders', () => {
  it('fills « {{demandeur}} », « {{reference}} » and the others from the case', () => {
    const filled = fillPlaceholders(
      'Madame, Monsieur {{demandeur}}, votre demande {{ reference }} ({{procedure}}) du {{date_depot}} pour {{entreprise}} — {{agent}}, bureau de {{bureau}}.',
      VALUES,
    );
    expect(filled).toEqual({
      text: "Madame, Monsieur Akossiwa Mensah, votre demande COM-IMPEX-2026-000123 (Carte d'importateur / d'exportateur) du 1er mars 2026 pour Ets Agbodjan & Fils — Kossi Agbodjan, bureau de Lomé.",
      unknown: [],
      missing: [],
    });
  });

  it('addresses the applicant as « Madame » or « Monsieur » as the portal says, else both', () => {
    const body = '{{civilite}},\n\nNous avons examiné votre demande.';
    const as = (applicantGender: 'F' | 'M' | undefined) =>
      fillPlaceholders(body, placeholderValuesOf({ ...SOURCE, applicantGender })).text;
    expect(as('F')).toBe('Madame,\n\nNous avons examiné votre demande.');
    expect(as('M')).toBe('Monsieur,\n\nNous avons examiné votre demande.');
    expect(as(undefined)).toBe('Madame, Monsieur,\n\nNous avons examiné votre demande.');
    const opening = shipped.find((module) => module.keyword === 'bonjour');
    expect(fillPlaceholders(opening!.body, { ...VALUES, civilite: 'Madame' }).text).toMatch(
      /^Madame,\n\nNous avons examiné votre demande n° COM-IMPEX-2026-000123/,
    );
  });

  it('leaves an unknown placeholder visible and reports it, never dropping it', () => {
    const filled = fillPlaceholders('Bonjour {{demandeuse}}, dossier {{reference}} {{}}.', VALUES);
    expect(filled.text).toBe('Bonjour {{demandeuse}}, dossier COM-IMPEX-2026-000123 {{}}.');
    expect(filled.unknown).toEqual(['demandeuse', '']);
    expect(placeholdersLeft(filled.text)).toEqual(['{{demandeuse}}', '{{}}']);
  });

  it('leaves a known placeholder the case has no value for, and reports it as missing', () => {
    const filled = fillPlaceholders('Pour {{entreprise}} ({{Demandeur}}).', {
      ...VALUES,
      entreprise: null,
    });
    expect(filled).toEqual({
      text: 'Pour {{entreprise}} (Akossiwa Mensah).',
      unknown: [],
      missing: ['entreprise'],
    });
  });

  it('does not read a value as a placeholder (a name with braces stays as it is)', () => {
    expect(fillPlaceholders('{{demandeur}}', { demandeur: '{{reference}}' }).text).toBe(
      '{{reference}}',
    );
  });

  it('writes the filing date as a French letter does, in Lomé’s time', () => {
    expect(frenchLongDate('2026-03-01T09:15:00.000Z')).toBe('1er mars 2026');
    expect(frenchLongDate('2026-12-24T23:30:00.000Z')).toBe('24 décembre 2026');
    expect(frenchLongDate('pas une date')).toBeNull();
  });

  it('names each placeholder once', () => {
    expect(new Set(TEXT_MODULE_PLACEHOLDERS).size).toBe(TEXT_MODULE_PLACEHOLDERS.length);
    expect(Object.keys(VALUES).sort()).toEqual([...TEXT_MODULE_PLACEHOLDERS].sort());
  });
});

describe('finding a phrase after « :: »', () => {
  it('opens after « :: » at the start of a word only, with what was typed since', () => {
    expect(textModuleTrigger('::', 2)).toEqual({ start: 0, query: '' });
    expect(textModuleTrigger('Bonjour ::illi', 14)).toEqual({ start: 8, query: 'illi' });
    expect(textModuleTrigger('Bonjour\n::pièce', 15)).toEqual({ start: 8, query: 'pièce' });
    expect(textModuleTrigger('(::nif', 6)).toEqual({ start: 1, query: 'nif' });
    expect(textModuleTrigger('à 10::30', 8)).toBeNull();
    expect(textModuleTrigger('::illi suite', 12)).toBeNull();
    expect(textModuleTrigger('::illisible', 6)).toEqual({ start: 0, query: 'illi' });
    expect(textModuleTrigger('::', 1)).toBeNull();
  });

  it('offers the procedure’s and the common phrases for the box, in force only', () => {
    const office: TextModule = {
      ...shipped.find((module) => module.keyword === 'nif')!,
      id: 'x',
      origin: 'office',
      retiredAt: '2026-11-09T08:00:00.000Z',
    };
    const offered = textModulesFor([...shipped, office], {
      procedureCode: 'COM-IMPEX',
      context: 'requestInfo',
    });
    const ids = offered.map((module) => module.id);
    expect(ids).toContain('shipped:COM-IMPEX:nif');
    expect(ids).toContain('shipped:*:illisible');
    expect(ids).not.toContain('shipped:COM-APIPS:nif');
    expect(ids).not.toContain('shipped:COM-IMPEX:nif-rejet');
    expect(ids).not.toContain('shipped:*:appel');
    expect(ids).not.toContain('x');
  });

  it('ranks keywords starting with the letters first, then containing them, then titles', () => {
    const offered = textModulesFor(shipped, { procedureCode: 'COM-IMPEX', context: 'requestInfo' });
    expect(matchTextModules(offered, 'ni')[0]?.id).toBe('shipped:COM-IMPEX:nif');
    expect(matchTextModules(offered, 'illi').map((module) => module.keyword)).toEqual([
      'illisible',
    ]);
    // « expir » is in no keyword but in a title (accents folded).
    expect(matchTextModules(offered, 'expiree').map((module) => module.keyword)).toContain(
      'cni-expiree',
    );
    expect(matchTextModules(offered, 'piece').map((module) => module.keyword)[0]).toBe('piece');
    expect(matchTextModules(offered, 'zzz')).toEqual([]);
    expect(matchTextModules(offered, '', 3)).toHaveLength(3);
  });
});
