import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  assertInside,
  documentFile,
  documentsRoot,
  legacyDocumentFile,
  UnsafeDocumentPath,
} from '../../src/main/core/documents/documentFiles';
import { boundedJson, exceedsShape } from '../../src/main/core/sync/boundedJson';
import { deBefore } from '../../src/shared/domain/caseWorkflow';
import { portalApplication } from '../../src/shared/portal/portalApplication';
import {
  describeRecordIssue,
  fieldLabel,
  frenchIssues,
} from '../../src/shared/portal/describeIssue';

const deep = (levels: number): unknown => JSON.parse(`${'['.repeat(levels)}${']'.repeat(levels)}`);

describe('boundedJson', () => {
  it('writes ordinary values as JSON.stringify does', () => {
    const value = { a: [1, 'deux', null, true], b: { c: 'é"\n' }, d: Number.NaN };
    expect(boundedJson(value, 10_000, 16)).toBe(JSON.stringify(value));
  });

  it('survives a 50,000-deep array that makes JSON.stringify and String overflow', () => {
    const value = deep(50_000);
    expect(() => JSON.stringify(value)).toThrow(RangeError);
    const text = boundedJson(value, 1_000, 16);
    expect(text).toBe(`${'['.repeat(16)}"…"${']'.repeat(16)}`);
  });

  it('cuts long output at the bound and says so', () => {
    const text = boundedJson({ note: 'x'.repeat(10_000) }, 100, 16);
    expect(text).toHaveLength(101);
    expect(text.endsWith('…')).toBe(true);
  });
});

describe('exceedsShape', () => {
  it('accepts a record-sized value and refuses depth, breadth and text beyond the bounds', () => {
    expect(exceedsShape({ a: [{ b: 1 }], c: 'texte' }, 12, 100, 1_000)).toBe(false);
    expect(exceedsShape(deep(50_000), 12, 20_000, 1_000)).toBe(true);
    expect(
      exceedsShape(
        Array.from({ length: 50_000 }, () => 1),
        12,
        20_000,
        1_000,
      ),
    ).toBe(true);
    expect(exceedsShape({ a: 'x'.repeat(2_000) }, 12, 100, 1_000)).toBe(true);
    expect(exceedsShape({ ['k'.repeat(2_000)]: 1 }, 12, 100, 1_000)).toBe(true);
  });
});

describe('document files', () => {
  const dataDir = join('/tmp', 'bureau-data');
  const sha = 'ab'.padEnd(64, '0');

  it('names a file after its SHA-256 only, inside the documents folder', () => {
    expect(documentFile(dataDir, sha)).toBe(join(documentsRoot(dataDir), 'ab', sha));
  });

  it('refuses anything that is not a SHA-256 and any path that would leave the folder', () => {
    expect(() => documentFile(dataDir, '../../etc/passwd')).toThrow(UnsafeDocumentPath);
    expect(() => documentFile(dataDir, sha.toUpperCase())).toThrow(UnsafeDocumentPath);
    const root = documentsRoot(dataDir);
    expect(() => assertInside(root, join(root, '..', 'x'))).toThrow(UnsafeDocumentPath);
    expect(() => assertInside(root, root)).toThrow(UnsafeDocumentPath);
    expect(() => assertInside(root, '/etc/passwd')).toThrow(UnsafeDocumentPath);
    expect(assertInside(root, join(root, 'ab', sha))).toBe(join(root, 'ab', sha));
  });

  it('reads the former per-case layout only for ids of the shape it accepted', () => {
    expect(legacyDocumentFile(dataDir, 'app-000001-abc', 'doc-000001-abc-1')).toBe(
      join(documentsRoot(dataDir), 'app-000001-abc', 'doc-000001-abc-1'),
    );
    expect(legacyDocumentFile(dataDir, 'app-000001-abc', '../../../victim.txt')).toBeNull();
    expect(legacyDocumentFile(dataDir, '..', 'doc-000001-abc-1')).toBeNull();
  });
});

describe('French refusals of portal records', () => {
  const reasonOf = (raw: unknown) => {
    const parsed = portalApplication.safeParse(raw, { error: frenchIssues });
    const issue = parsed.error?.issues[0];
    return issue ? describeRecordIssue(issue) : null;
  };

  it('names fields as a person reads them', () => {
    expect(fieldLabel([])).toBe('enregistrement');
    expect(fieldLabel(['applicant', 'lastName'])).toBe('nom de famille du demandeur');
    expect(fieldLabel(['documents', 1, 'id'])).toBe('pièce jointe n° 2 (identifiant)');
    expect(fieldLabel(['form', 'hsCode'])).toBe('formulaire, champ « hsCode »');
    expect(fieldLabel(['mystery', 'x'])).toBe('champ « mystery.x »');
  });

  it('never answers in zod’s English', () => {
    const english = /\b(Invalid|expected|received|Too big|Too small|Unrecognized)\b/;
    for (const raw of [42, null, 'texte', [], {}, { id: 7 }, { id: 'app-00000001', version: -1 }]) {
      const reason = reasonOf(raw);
      expect(reason).not.toBeNull();
      expect(reason).not.toMatch(english);
    }
    expect(reasonOf({})).toBe('identifiant : champ manquant');
    expect(reasonOf('texte')).toBe('enregistrement : un objet attendu, reçu un texte');
  });
});

describe('French elision in refusals', () => {
  it('writes « d’approuver » and « de rejeter »', () => {
    expect(deBefore('approuver')).toBe('d’approuver');
    expect(deBefore('émettre')).toBe('d’émettre');
    expect(deBefore('rejeter')).toBe('de rejeter');
    expect(deBefore('prendre en charge')).toBe('de prendre en charge');
  });
});
