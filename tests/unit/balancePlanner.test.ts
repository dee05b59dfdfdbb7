import { describe, expect, it } from 'vitest';
import {
  planBalance,
  type PlannerCase,
  type PlannerClerk,
} from '../../src/main/core/assignment/balancePlanner';
import type { CaseStatus } from '../../src/shared/domain/caseStatus';

const TODAY = '2026-11-16';

let serial = 0;
function aCase(
  procedureCode: string,
  dueDate: string,
  assigneeId: string | null = null,
  status: CaseStatus = 'in_review',
): PlannerCase {
  serial += 1;
  const id = `c-${String(serial).padStart(4, '0')}`;
  return {
    id,
    reference: `${procedureCode}-2026-${String(serial).padStart(6, '0')}`,
    procedureCode,
    applicantName: 'Yao Amouzou',
    dueDate,
    assigneeId,
    status,
  };
}

function clerk(
  userId: string,
  displayName: string,
  openCases = 0,
  procedureCodes: string[] | null = null,
  overdue = 0,
): PlannerClerk {
  return { userId, displayName, procedureCodes, openCases, overdue };
}

const kossi = clerk('u-kossi', 'Kossi Agbodjan');
const akossiwa = clerk('u-akossiwa', 'Akossiwa Mensah');
const mawuli = clerk('u-mawuli', 'Mawuli Kpodar', 0, ['ART-CP', 'ART-APP', 'ART-CFA', 'ART-DIP']);

describe('balance planner', () => {
  it('hands out the oldest deadline first, each case to the least-loaded clerk', () => {
    const cases = [
      aCase('COM-CO', '2026-11-30'),
      aCase('COM-CO', '2026-11-18'),
      aCase('COM-CO', '2026-11-20'),
      aCase('COM-CO', '2026-11-18'),
    ];
    const plan = planBalance({
      cases,
      clerks: [clerk('u-a', 'Adjo Akakpo', 3), clerk('u-b', 'Komlan Assih', 1)],
      today: TODAY,
    });
    // Deadline order (ties by id); B (1→2), B (2→3), A wins the 3–3 tie by name, B (3→4).
    expect(plan.items.map((item) => item.caseId)).toEqual([
      cases[1]!.id,
      cases[3]!.id,
      cases[2]!.id,
      cases[0]!.id,
    ]);
    expect(plan.items.map((item) => item.assigneeId)).toEqual(['u-b', 'u-b', 'u-a', 'u-b']);
    expect(plan.loads).toEqual([
      { userId: 'u-a', displayName: 'Adjo Akakpo', before: 3, after: 4 },
      { userId: 'u-b', displayName: 'Komlan Assih', before: 1, after: 4 },
    ]);
    expect(plan.unassignable).toEqual([]);
    expect(plan.truncated).toBe(false);
  });

  it('breaks load ties by fewest overdue, then by name', () => {
    const overdueFirst = planBalance({
      cases: [aCase('COM-AMM', '2026-11-20')],
      clerks: [clerk('u-a', 'Adjo Akakpo', 2, null, 1), clerk('u-z', 'Zoé Tchala', 2, null, 0)],
      today: TODAY,
    });
    expect(overdueFirst.items[0]?.assigneeId).toBe('u-z');

    const byName = planBalance({
      cases: [aCase('COM-AMM', '2026-11-20')],
      clerks: [clerk('u-z', 'Zoé Tchala', 2), clerk('u-e', 'Édem Dossou', 2)],
      today: TODAY,
    });
    // French order: « Édem » sorts with E, before Z.
    expect(byName.items[0]?.assigneeId).toBe('u-e');
  });

  it('counts a handed-out overdue case against its new holder', () => {
    const plan = planBalance({
      cases: [aCase('COM-CO', '2026-11-02'), aCase('COM-CO', '2026-12-01')],
      clerks: [clerk('u-a', 'Adjo Akakpo', 0), clerk('u-b', 'Komlan Assih', 1)],
      today: TODAY,
    });
    // Adjo takes the overdue case (1–1 after it); the next one goes to Komlan, who has no overdue
    // case, although Adjo would win on the name.
    expect(plan.items.map((item) => item.assigneeId)).toEqual(['u-a', 'u-b']);
  });

  it('never takes back an overdue count the staff directory did not give (waiting cases)', () => {
    // Zoé's two cases wait for the applicant: past their deadline, but not counted overdue in
    // her starting load (the directory's rule). Taking them back must not make her « less late ».
    const waiting = [
      aCase('COM-CO', '2026-11-02', 'u-z', 'info_requested'),
      aCase('COM-CO', '2026-11-03', 'u-z', 'info_requested'),
    ];
    const plan = planBalance({
      cases: waiting,
      clerks: [clerk('u-z', 'Zoé Tchala', 2, null, 0), clerk('u-k', 'Komlan Assih', 0, null, 0)],
      today: TODAY,
    });
    // Both start level (0 cases, 0 overdue): Komlan wins the first on the name, Zoé keeps the
    // second. Counted as overdue, Zoé would have started at −2 overdue and kept the first.
    expect(plan.items.map((item) => [item.caseId, item.assigneeId])).toEqual([
      [waiting[0]!.id, 'u-k'],
    ]);
    expect(plan.loads).toEqual([
      { userId: 'u-z', displayName: 'Zoé Tchala', before: 2, after: 1 },
      { userId: 'u-k', displayName: 'Komlan Assih', before: 0, after: 1 },
    ]);
  });

  it('respects the procedures each clerk handles; cases nobody handles are unassignable', () => {
    const crafts = [aCase('ART-CP', '2026-11-20'), aCase('ART-DIP', '2026-11-21')];
    const commerce = aCase('COM-IMPEX', '2026-11-19');
    const plan = planBalance({
      cases: [commerce, ...crafts],
      clerks: [clerk('u-kossi', 'Kossi Agbodjan', 5, ['COM-IMPEX']), mawuli],
      today: TODAY,
    });
    expect(plan.items.map((item) => [item.procedureCode, item.assigneeId])).toEqual([
      ['COM-IMPEX', 'u-kossi'],
      ['ART-CP', 'u-mawuli'],
      ['ART-DIP', 'u-mawuli'],
    ]);

    const none = planBalance({
      cases: [aCase('COM-APIPS', '2026-11-20')],
      clerks: [mawuli],
      today: TODAY,
    });
    expect(none.items).toEqual([]);
    expect(none.unassignable).toHaveLength(1);
    expect(none.unassignable[0]?.reason).toMatch(
      /Aucun des agents choisis ne traite la procédure COM-APIPS/,
    );
  });

  it('spreads many cases evenly, giving crafts to the crafts clerk only', () => {
    const procedures = ['COM-IMPEX', 'COM-APIPS', 'COM-AMM', 'COM-CO', 'ART-CP', 'ART-APP'];
    const cases = Array.from({ length: 60 }, (_, index) =>
      aCase(
        procedures[index % procedures.length]!,
        `2026-11-${String(17 + (index % 10)).padStart(2, '0')}`,
      ),
    );
    const plan = planBalance({ cases, clerks: [kossi, akossiwa, mawuli], today: TODAY });
    expect(plan.items).toHaveLength(60);
    const loads = new Map(plan.loads.map((load) => [load.userId, load.after]));
    expect([...loads.values()].reduce((sum, value) => sum + value, 0)).toBe(60);
    // Greedy by deadline, not an exact optimum: within one case of an even third each.
    for (const after of loads.values()) expect(Math.abs(after - 20)).toBeLessThanOrEqual(1);
    for (const item of plan.items.filter((entry) => entry.assigneeId === 'u-mawuli')) {
      expect(item.procedureCode.startsWith('ART-')).toBe(true);
    }
    // Deadlines non-decreasing along the plan.
    const dues = plan.items.map((item) => item.dueDate);
    expect(dues).toEqual([...dues].sort());
  });

  it('reassigning a clerk’s cases: their load leaves with them, no-op moves are not listed', () => {
    const held = [
      aCase('COM-CO', '2026-11-20', 'u-kossi'),
      aCase('COM-CO', '2026-11-21', 'u-kossi'),
    ];
    const plan = planBalance({
      cases: held,
      // Kossi holds 2 (both in the run) + 1 other; Akossiwa holds 2.
      clerks: [clerk('u-kossi', 'Kossi Agbodjan', 3), clerk('u-akossiwa', 'Akossiwa Mensah', 2)],
      today: TODAY,
    });
    // Working loads start at Kossi 1, Akossiwa 2: Kossi keeps the first (not listed), then 2–2,
    // Akossiwa wins the name tie and takes the second.
    expect(plan.items).toEqual([
      expect.objectContaining({
        caseId: held[1]!.id,
        fromAssigneeId: 'u-kossi',
        assigneeId: 'u-akossiwa',
      }),
    ]);
    expect(plan.loads).toEqual([
      { userId: 'u-kossi', displayName: 'Kossi Agbodjan', before: 3, after: 2 },
      { userId: 'u-akossiwa', displayName: 'Akossiwa Mensah', before: 2, after: 3 },
    ]);
  });

  it('passes the truncation flag through and plans nothing from nothing', () => {
    const plan = planBalance({ cases: [], clerks: [kossi], today: TODAY, truncated: true });
    expect(plan).toEqual({
      items: [],
      unassignable: [],
      loads: [{ userId: 'u-kossi', displayName: 'Kossi Agbodjan', before: 0, after: 0 }],
      truncated: true,
    });
  });
});
