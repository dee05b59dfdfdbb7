import { mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseWindowState, type WindowState } from './windowState';

/** Beside the data directory, in the OS user-data folder; not part of the clerk's data. */
const FILE_NAME = 'window-state.json';

export function readWindowState(userDataDir: string): WindowState | null {
  try {
    return parseWindowState(JSON.parse(readFileSync(join(userDataDir, FILE_NAME), 'utf8')));
  } catch {
    // Missing on first launch, or corrupt: the window opens at its default size.
    return null;
  }
}

export function writeWindowState(userDataDir: string, state: WindowState): void {
  const file = join(userDataDir, FILE_NAME);
  try {
    mkdirSync(userDataDir, { recursive: true });
    // Write then rename, so a power cut never leaves half a file behind.
    writeFileSync(`${file}.tmp`, `${JSON.stringify(state)}\n`);
    renameSync(`${file}.tmp`, file);
  } catch (error) {
    console.warn('Bureau : position de la fenêtre non enregistrée :', error);
  }
}
