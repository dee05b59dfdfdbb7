import readExcelFile from 'read-excel-file/node';
import { describe, expect, it } from 'vitest';
import { exportTable } from '../../src/main/core/dashboard/dashboardExport';
import type { ExportTable } from '../../src/main/core/dashboard/dashboardTables';
import { buildWorkbook, buildWorkbookHere } from '../../src/main/core/dashboard/xlsxWorkbook';

/** An overdue list as large as a busy office's: 10,000 rows of text, days and numbers. */
function overdueTable(size: number): ExportTable {
  return {
    slug: 'dossiers-en-retard',
    sheetName: 'Dossiers en retard',
    headers: ['Référence', 'Procédure', 'Échéance', 'Demandeur', 'Agent', 'Statut', 'Jours'],
    widths: [22, 14, 12, 28, 24, 18, 8],
    rows: Array.from({ length: size }, (_, index) => [
      { kind: 'text', value: `COM-IMPEX-2026-${String(index).padStart(6, '0')}` },
      { kind: 'text', value: 'COM-IMPEX' },
      { kind: 'day', value: `2026-10-${String(1 + (index % 28)).padStart(2, '0')}` },
      { kind: 'text', value: `Yao Amouzou ${index}` },
      { kind: 'text', value: index % 4 === 0 ? null : 'Kossi Agbodjan' },
      { kind: 'text', value: 'en instruction' },
      { kind: 'number', value: 1 + (index % 40) },
    ]),
  };
}

/** Runs `work`, counting the turns of the event loop (setImmediate) until it settles. */
async function turnsDuring<T>(work: () => Promise<T>): Promise<{ value: T; turns: number }> {
  let turns = 0;
  let working = true;
  const spin = () => {
    if (!working) return;
    turns++;
    setImmediate(spin);
  };
  setImmediate(spin);
  try {
    const value = await work();
    return { value, turns };
  } finally {
    working = false;
  }
}

describe('XLSX export of a large table', () => {
  const table = overdueTable(10_000);
  const period = { from: '2026-11-01', to: '2026-11-30' };

  it('leaves the event loop free while the workbook is built, and reads back whole', async () => {
    // How long the main thread stays blocked is a figure of the machine (`BENCH_ONLY=timings npm
    // run bench`); what holds everywhere is where the work is done.
    const here = await buildWorkbookHere(table);
    const messages: string[] = [];
    const { value: file, turns } = await turnsDuring(() =>
      exportTable(table, period, 'xlsx', (message) => messages.push(message)),
    );
    expect(messages).toEqual([]); // built by the worker, not on the main thread
    expect(turns).toBeGreaterThan(0); // the event loop ran meanwhile

    const [sheet] = await readExcelFile(Buffer.from(file.base64, 'base64'));
    expect(sheet?.sheet).toBe('Dossiers en retard');
    expect(sheet!.data).toHaveLength(10_001);
    expect(sheet!.data[0]).toEqual(table.headers);
    expect(sheet!.data[5]).toEqual([
      'COM-IMPEX-2026-000004',
      'COM-IMPEX',
      new Date('2026-10-05T00:00:00Z'),
      'Yao Amouzou 4',
      null,
      'en instruction',
      5,
    ]);
    // The worker's cells are the main thread's: same rows read back.
    const [reference] = await readExcelFile(here);
    expect(sheet!.data).toEqual(reference!.data);
  }, 30_000);

  it('still builds the workbook on the main thread when the worker cannot', async () => {
    const messages: string[] = [];
    const small = overdueTable(3);
    const bytes = await buildWorkbook(small, {
      writer: '/nowhere/write-excel-file.cjs',
      log: (message) => messages.push(message),
    });
    const [sheet] = await readExcelFile(bytes);
    expect(sheet!.data).toHaveLength(4);
    expect(messages).toEqual([
      'classeur XLSX construit sur le fil principal (worker indisponible)',
    ]);
  });
});
