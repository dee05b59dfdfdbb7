import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import writeExcelFile, { type Cell, type SheetData } from 'write-excel-file/node';
import type { ExportTable, TableCell } from './dashboardTables';

/**
 * XLSX workbooks of the dashboard's tables, built in a worker thread.
 *
 * Building one is all synchronous JavaScript (cells to XML, then deflate): ~850 ms for the
 * 10,000-row overdue list, during which no clerk's call was answered. A row cap small enough to
 * stay under 100 ms would be about 1,000 rows — less than a busy office's overdue list, the
 * table an export exists for — so the workbook is built off the main thread instead. Should the
 * worker not start (or die), it is built here as before: slow, but the export still works.
 */

/** write-excel-file's CommonJS build, as this module resolves it (the worker requires it). */
const WRITER_MODULE = createRequire(import.meta.url).resolve('write-excel-file/node');

/**
 * Plain CommonJS source rather than a bundled file, like the backup check's worker: nothing to
 * add to the build, and it runs the same under Electron, the web host and vitest. Its cell
 * conversion mirrors `excelCell` below (the two must stay alike).
 */
const WORKER_SOURCE = `
const { parentPort, workerData } = require('node:worker_threads');
const writeExcelFile = require(workerData.writer);
const cellOf = (cell) => {
  switch (cell.kind) {
    case 'text':
      return cell.value === null ? null : { value: cell.value, type: String };
    case 'number':
      return { value: cell.value, type: Number };
    case 'day':
      return { value: new Date(cell.value + 'T00:00:00Z'), type: Date, format: 'dd/mm/yyyy' };
  }
};
const table = JSON.parse(workerData.table);
const sheet = [
  table.headers.map((header) => ({ value: header, type: String, fontWeight: 'bold' })),
  ...table.rows.map((row) => row.map(cellOf)),
];
writeExcelFile(sheet, {
  sheet: table.sheetName,
  columns: table.widths.map((width) => ({ width })),
  stickyRowsCount: 1,
})
  .toBuffer()
  .then((buffer) => {
    const bytes = new Uint8Array(buffer.buffer, buffer.byteOffset, buffer.byteLength);
    parentPort.postMessage({ bytes });
  })
  .catch((error) => parentPort.postMessage({ error: String(error && error.message) }));
`;

function excelCell(cell: TableCell): Cell {
  switch (cell.kind) {
    case 'text':
      return cell.value === null ? null : { value: cell.value, type: String };
    case 'number':
      return { value: cell.value, type: Number };
    case 'day':
      return { value: new Date(`${cell.value}T00:00:00Z`), type: Date, format: 'dd/mm/yyyy' };
  }
}

/** The workbook built on the main thread: the fallback when no worker can be had. */
export async function buildWorkbookHere(table: ExportTable): Promise<Buffer> {
  const sheet: SheetData = [
    table.headers.map((header) => ({ value: header, type: String, fontWeight: 'bold' as const })),
    ...table.rows.map((row) => row.map(excelCell)),
  ];
  return writeExcelFile(sheet, {
    sheet: table.sheetName,
    columns: table.widths.map((width) => ({ width })),
    stickyRowsCount: 1,
  }).toBuffer();
}

export function buildWorkbookInWorker(
  table: ExportTable,
  writer: string = WRITER_MODULE,
): Promise<Buffer> {
  return new Promise<Buffer>((resolve, reject) => {
    // One string crosses to the worker faster than 70,000 cell objects cloned one by one.
    const worker = new Worker(WORKER_SOURCE, {
      eval: true,
      workerData: { writer, table: JSON.stringify(table) },
    });
    worker.once('message', (message: { bytes: Uint8Array } | { error: string }) => {
      if ('bytes' in message) {
        resolve(Buffer.from(message.bytes.buffer, message.bytes.byteOffset, message.bytes.length));
      } else reject(new Error(message.error));
      void worker.terminate();
    });
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`classeur interrompu (code ${code})`)));
  });
}

/** The table as an XLSX workbook, off the main thread when a worker can be had. */
export async function buildWorkbook(
  table: ExportTable,
  options: { log?: (message: string, error?: unknown) => void; writer?: string } = {},
): Promise<Buffer> {
  const { log, writer } = options;
  try {
    return await buildWorkbookInWorker(table, writer);
  } catch (error) {
    log?.('classeur XLSX construit sur le fil principal (worker indisponible)', error);
    return buildWorkbookHere(table);
  }
}
