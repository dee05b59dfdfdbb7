import { cpSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/main/core/catalog/loadCatalog';
import { loadLetterTemplates } from '../../src/main/core/letters/loadLetterTemplates';
import { tempDir } from '../support/paths';

const resources = join(import.meta.dirname, '..', '..', 'resources');
const catalog = loadCatalog(join(resources, 'procedures'));

describe('letter templates (resources/letters)', () => {
  const templates = loadLetterTemplates(join(resources, 'letters'), catalog);

  it('gives every procedure its letters, and every reject reason code its legal wording', () => {
    for (const procedure of catalog.procedures) {
      const template = templates.get(procedure.code);
      expect(Object.keys(template.rejection.reasons).sort(), procedure.code).toEqual(
        procedure.rejectReasons.map((reason) => reason.code).sort(),
      );
      for (const [code, wording] of Object.entries(template.rejection.reasons)) {
        // A sentence, not a label: it ends with a full stop and says more than the short label.
        expect(wording, `${procedure.code} ${code}`).toMatch(/\.$/);
        const label = procedure.rejectReasons.find((reason) => reason.code === code)!.label.fr;
        expect(wording.length, `${procedure.code} ${code}`).toBeGreaterThan(label.length);
      }
      expect(template.rejection.appeal.gracious.authority).toMatch(/Ministre/);
      expect(template.rejection.appeal.contentious.court).toMatch(/Cour suprême/);
      expect(template.infoRequest.replyWorkingDays).toBeGreaterThan(0);
    }
  });

  it('sends an approval cover letter for the procedures whose data ask for one (at least one)', () => {
    const withCover = catalog.procedures.filter(
      (procedure) => templates.get(procedure.code).approval?.coverLetter === true,
    );
    expect(withCover.map((procedure) => procedure.code)).toContain('COM-APIPS');
  });

  it('refuses a procedure file that leaves a reject reason without wording, naming file and field', () => {
    const directory = tempDir('bureau-letter-templates-');
    cpSync(join(resources, 'letters'), directory, { recursive: true });
    const file = join(directory, 'COM-CO.json');
    const template = JSON.parse(readFileSync(file, 'utf8')) as {
      rejection: { reasons: Record<string, string> };
    };
    delete template.rejection.reasons.DESTINATION_CEDEAO;
    writeFileSync(file, JSON.stringify(template));
    expect(() => loadLetterTemplates(directory, catalog)).toThrow(
      /« COM-CO\.json », champ « rejection\.reasons » : motifs sans rédaction : DESTINATION_CEDEAO/,
    );
  });

  it('refuses a layout whose wording lost a placeholder', () => {
    const directory = tempDir('bureau-letter-layout-');
    cpSync(join(resources, 'letters'), directory, { recursive: true });
    const file = join(directory, 'layout.json');
    const layout = JSON.parse(readFileSync(file, 'utf8')) as {
      infoRequest: { answerBy: string };
    };
    layout.infoRequest.answerBy = 'Répondez vite.';
    writeFileSync(file, JSON.stringify(layout));
    expect(() => loadLetterTemplates(directory, catalog)).toThrow(
      /infoRequest\.answerBy.*\{date\}/,
    );
  });
});
