import type { DashboardTable, ExportedFile } from '../../../shared/api/dashboardTypes';
import { api } from '../api/api';
import type { Period } from './dashboardPeriod';

function bytesOf(base64: string): Uint8Array<ArrayBuffer> {
  const binary = atob(base64);
  const bytes = new Uint8Array(binary.length);
  for (let index = 0; index < binary.length; index++) bytes[index] = binary.charCodeAt(index);
  return bytes;
}

/** Hands the file to the browser's (or Electron's) download: a Blob behind a temporary link. */
export function saveFile(file: ExportedFile): void {
  const url = URL.createObjectURL(new Blob([bytesOf(file.base64)], { type: file.mimeType }));
  const link = document.createElement('a');
  link.href = url;
  link.download = file.fileName;
  link.rel = 'noopener';
  document.body.append(link);
  link.click();
  link.remove();
  // Revoked later: some engines start reading the Blob only after click() returns.
  window.setTimeout(() => URL.revokeObjectURL(url), 30_000);
}

export async function exportDashboardTable(
  table: DashboardTable,
  format: 'csv' | 'xlsx',
  period: Period,
  procedureCodes: string[],
): Promise<ExportedFile> {
  const file = await api.call('dashboard.export', {
    query: { ...period, ...(procedureCodes.length > 0 ? { procedureCodes } : {}) },
    table,
    format,
  });
  saveFile(file);
  return file;
}
