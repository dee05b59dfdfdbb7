import { cpSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/main/core/catalog/loadCatalog';
import {
  CertificateTemplateError,
  loadCertificateTemplates,
} from '../../src/main/core/certificates/loadTemplates';
import { tempDir } from '../support/paths';

const resources = join(import.meta.dirname, '..', '..', 'resources');
const catalog = loadCatalog(join(resources, 'procedures'));
const templatesDir = join(resources, 'certificates');

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Json = Record<string, any>;

/** A copy of the shipped templates with one file changed; returns the loader's error. */
function errorWith(file: string, change: (json: Json) => Json | string | null): Error {
  const dir = tempDir('bureau-templates-');
  cpSync(templatesDir, dir, { recursive: true });
  const path = join(dir, file);
  const changed = change(JSON.parse(readFileSync(path, 'utf8')) as Json);
  if (changed === null) rmSync(path);
  else writeFileSync(path, typeof changed === 'string' ? changed : JSON.stringify(changed));
  try {
    loadCertificateTemplates(dir, catalog);
  } catch (error) {
    expect(error).toBeInstanceOf(CertificateTemplateError);
    return error as Error;
  }
  throw new Error('the broken template was accepted');
}

describe('certificate templates (resources/certificates)', () => {
  it('has a valid template for every procedure of the catalog, agreeing with it', () => {
    const templates = loadCertificateTemplates(templatesDir, catalog);
    for (const procedure of catalog.procedures) {
      const template = templates.get(procedure.code);
      expect(template.title).toBe(procedure.certificate.title.fr);
      expect(template.validityMonths).toBe(procedure.certificate.validityMonths);
      expect(template.qrFacts.length).toBeGreaterThanOrEqual(2);
    }
    expect(templates.layout.country).toBe('RÉPUBLIQUE TOGOLAISE');
    expect(templates.layout.motto).toBe('Travail – Liberté – Patrie');
  });

  it('names the file and the field of an unknown form field, in French', () => {
    const error = errorWith('COM-IMPEX.json', (json) => {
      json.fields[2].source = 'form.numeroInconnu';
      return json;
    });
    expect(error.message).toBe(
      'Modèles de certificats : fichier « COM-IMPEX.json », champ « fields.2.source » : champ de formulaire inconnu « numeroInconnu » pour COM-IMPEX',
    );
  });

  it('refuses a title or a validity that disagrees with the catalog', () => {
    expect(
      errorWith('COM-APIPS.json', (json) => ({ ...json, validityMonths: 12 })).message,
    ).toMatch(
      /« COM-APIPS\.json », champ « validityMonths » : 12 diffère de la validité du catalogue \(6\)/,
    );
    expect(
      errorWith('ART-CP.json', (json) => ({ ...json, title: 'Carte d’artisan' })).message,
    ).toMatch(/« ART-CP\.json », champ « title »/);
  });

  it('asks for "optional" on a field the applicant may leave empty, and knows company data only for companies', () => {
    expect(
      errorWith('COM-IMPEX.json', (json) => {
        delete json.fields[8].optional;
        return json;
      }).message,
    ).toMatch(/champ « fields\.8\.source » : le champ « annualTurnover » est facultatif/);
    expect(
      errorWith('ART-CP.json', (json) => {
        json.qrFacts[0].source = 'company.nif';
        return json;
      }).message,
    ).toMatch(
      /champ « qrFacts\.0\.source » : « company\.nif » : la procédure ART-CP ne concerne pas une entreprise/,
    );
  });

  it('stops on a missing template, a misnamed file, unreadable JSON or a bad layout', () => {
    expect(errorWith('ART-DIP.json', () => null).message).toMatch(
      /« ART-DIP\.json », champ « \(fichier\) » : modèle de certificat manquant/,
    );
    expect(errorWith('COM-CO.json', () => '{ "procedureCode": ').message).toMatch(
      /« COM-CO\.json », champ « \(racine\) » : JSON illisible/,
    );
    expect(
      errorWith('COM-CO.json', (json) => ({ ...json, procedureCode: 'COM-AMM' })).message,
    ).toMatch(
      /« COM-CO\.json », champ « procedureCode » : le fichier doit s'appeler « COM-AMM\.json »/,
    );
    expect(
      errorWith('layout.json', (json) => {
        json.labels.madeAt = 'Fait à Lomé';
        return json;
      }).message,
    ).toMatch(
      /« layout\.json », champ « labels\.madeAt » : le texte doit contenir \{office\} et \{date\}/,
    );
    expect(
      errorWith('layout.json', (json) => {
        json.colors.accent = 'vert';
        return json;
      }).message,
    ).toMatch(/« layout\.json », champ « colors\.accent » : couleur attendue/);
  });
});
