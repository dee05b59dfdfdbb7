import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { planSearch } from '../../src/main/core/inbox/searchExpression';
import type { InboxRow } from '../../src/shared/api/types';
import { createInboxFixture, intoReadersOffice, type InboxFixture } from '../support/inboxFixture';

let fixture: InboxFixture;
beforeAll(() => {
  fixture = createInboxFixture(2_000);
  intoReadersOffice(fixture);
});
afterAll(() => fixture.close());

function search(text: string, limit = 500): InboxRow[] {
  return fixture.inbox.list(
    { queue: 'all', filters: {}, search: text, cursor: null, limit },
    fixture.scope,
  ).rows;
}
const highlighted = (row: InboxRow | undefined) =>
  row?.searchMatch?.ranges.map(([start, end]) => row.searchMatch?.value.slice(start, end));

describe('inbox search', () => {
  it('is accent-insensitive: "eloi" finds "Éloi" and highlights the accented text', () => {
    const rows = search('eloi');
    const planted = rows.find((row) => row.applicantName === 'Éloi Amégnran');
    expect(planted).toBeDefined();
    expect(highlighted(planted)).toEqual(['Éloi']);
    expect(search('AMEGNRAN').map((row) => row.applicantName)).toContain('Éloi Amégnran');
  });

  it('is case-insensitive: "kpodar" finds "KPODAR" and "Kpodar"', () => {
    const names = search('kpodar').map((row) => row.applicantName);
    expect(names).toContain('Yawa KPODAR');
    expect(names).toContain('Koffi Kpodar');
  });

  it("handles apostrophes and hyphens: n'guessan, n'kegbe, koudjo-lawson, glued forms", () => {
    for (const typed of ["n'guessan", 'n’guessan', 'nguessan', "N'GUESS"]) {
      expect(search(typed).map((row) => row.applicantName)).toContain("Aya N'Guessan");
    }
    for (const typed of ["n'kegbe", 'kegbe', 'nkegbe']) {
      expect(search(typed).map((row) => row.applicantName)).toContain("Essi N'Kégbé");
    }
    for (const typed of ['koudjo-lawson', 'lawson', 'koudjolawson']) {
      expect(search(typed).map((row) => row.applicantName)).toContain('Mawuli Koudjo-Lawson');
    }
    expect(
      highlighted(search('nguessan').find((row) => row.applicantName.includes('Guessan'))),
    ).toEqual(["N'Guessan"]);
  });

  it('matches prefixes: "agbo" finds "Agbodjan"', () => {
    const rows = search('agbo');
    expect(rows.map((row) => row.applicantName)).toContain('Kodjo Agbodjan');
    expect(highlighted(rows.find((row) => row.applicantName === 'Kodjo Agbodjan'))).toEqual([
      'Agbo',
    ]);
  });

  it('finds a company by NIF and RCCM, a person by phone in any format, and by reference', () => {
    const company = fixture.records.find((record) => record.company)!;
    const byNif = search(company.company!.nif);
    expect(byNif.map((row) => row.id)).toContain(company.id);
    expect(byNif.find((row) => row.id === company.id)?.searchMatch?.field).toBe('nif');
    expect(search(company.company!.rccm).map((row) => row.id)).toContain(company.id);

    const person = fixture.records[42]!;
    const local = person.applicant.phone.slice(5); // "90 12 34 56"
    for (const typed of [local, local.replaceAll(' ', ''), person.applicant.phone]) {
      const rows = search(typed);
      expect(rows.map((row) => row.id)).toContain(person.id);
      expect(rows.find((row) => row.id === person.id)?.searchMatch?.field).toBe('phone');
    }
    expect(search(person.reference)[0]?.id).toBe(person.id);
    expect(search(person.applicant.email).map((row) => row.id)).toContain(person.id);
  });

  it('returns nothing, without error, when nothing matches', () => {
    expect(search('zzqxwv')).toEqual([]);
    expect(
      fixture.inbox.total({ queue: 'all', filters: {}, search: 'zzqxwv' }, fixture.scope),
    ).toBe(0);
  });

  it('never lets hostile input break or inject FTS syntax', () => {
    const hostile = [
      '"',
      '""',
      '*',
      '-',
      '^',
      ':',
      '(',
      ')',
      'AND OR NOT',
      'kpodar OR eloi',
      'NEAR(kpodar eloi)',
      'NEAR(',
      '-kpodar',
      '^kpodar',
      'applicant_name:kpodar',
      '{reference nif} : 1',
      'kpo"dar',
      "'; DROP TABLE applications; --",
      '\u0000',
      'x'.repeat(300),
      'é'.repeat(200),
      'a b c d e f g h i j k l m n',
    ];
    for (const text of hostile) {
      expect(() => search(text), text).not.toThrow();
      expect(() =>
        fixture.inbox.total({ queue: 'all', filters: {}, search: text }, fixture.scope),
      ).not.toThrow();
    }
    // Operators are plain words: "kpodar OR eloi" needs both words, not either.
    expect(search('kpodar OR eloi')).toEqual([]);
    expect(search('-kpodar').map((row) => row.applicantName)).toContain('Koffi Kpodar');
    expect(planSearch('NEAR(a b)').match).toBe('"NEAR(a"* "b)"');
  });

  it('ranks by relevance when no sort is given and paginates by rank without gaps', () => {
    const all = search('kpodar', 500);
    const seen: string[] = [];
    let cursor: string | null = null;
    do {
      const page = fixture.inbox.list(
        { queue: 'all', filters: {}, search: 'kpodar', cursor, limit: 7 },
        fixture.scope,
      );
      seen.push(...page.rows.map((row) => row.id));
      cursor = page.nextCursor;
    } while (cursor);
    expect(seen).toEqual(all.map((row) => row.id));
    expect(new Set(seen).size).toBe(seen.length);
    expect(
      fixture.inbox.total({ queue: 'all', filters: {}, search: 'kpodar' }, fixture.scope),
    ).toBe(all.length);
  });

  it('keeps the index in step with updates and deletes (triggers)', () => {
    const { db } = fixture;
    const target = fixture.records[500]!;
    db.prepare("UPDATE applications SET applicant_name = 'Sénamé Tétévi' WHERE id = ?").run(
      target.id,
    );
    expect(search('tetevi').map((row) => row.id)).toEqual([target.id]);
    db.prepare('DELETE FROM documents WHERE application_id = ?').run(target.id);
    db.prepare('DELETE FROM history_events WHERE application_id = ?').run(target.id);
    db.prepare('DELETE FROM applications WHERE id = ?').run(target.id);
    expect(search('tetevi')).toEqual([]);
    const integrity = db
      .prepare("INSERT INTO inbox_search (inbox_search, rank) VALUES ('integrity-check', 0)")
      .run();
    expect(integrity.changes).toBeGreaterThanOrEqual(0);
  });
});
