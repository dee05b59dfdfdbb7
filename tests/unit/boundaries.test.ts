import { readdirSync, readFileSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { describe, expect, it } from 'vitest';

const root = join(import.meta.dirname, '..', '..');

function sourceFiles(dir: string): string[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    if (statSync(path).isDirectory()) return sourceFiles(path);
    return /\.(ts|tsx)$/.test(name) ? [path] : [];
  });
}

const importsOf = (file: string) =>
  [
    ...readFileSync(file, 'utf8').matchAll(
      /(?:from\s+|import\s*\(\s*|require\s*\(\s*)['"]([^'"]+)['"]/g,
    ),
  ].map((match) => match[1] ?? '');

describe('process boundaries', () => {
  it.each(['src/main/core', 'src/shared', 'src/main/web', 'src/main/bootstrap', 'src/simulator'])(
    'nothing under %s imports Electron',
    (folder) => {
      const offenders = sourceFiles(join(root, folder)).filter((file) =>
        importsOf(file).some(
          (specifier) => specifier === 'electron' || specifier.startsWith('electron/'),
        ),
      );
      expect(offenders.map((file) => relative(root, file))).toEqual([]);
    },
  );

  it('src/shared uses no Node built-ins (it runs in the renderer too)', () => {
    const offenders = sourceFiles(join(root, 'src/shared')).filter((file) =>
      importsOf(file).some((specifier) => specifier.startsWith('node:')),
    );
    expect(offenders.map((file) => relative(root, file))).toEqual([]);
  });

  it('the renderer imports neither the main process nor the preload', () => {
    const offenders = sourceFiles(join(root, 'src/renderer')).filter((file) =>
      importsOf(file).some(
        (specifier) => /(^|\/)(main|preload)\//.test(specifier) || specifier === 'electron',
      ),
    );
    expect(offenders.map((file) => relative(root, file))).toEqual([]);
  });
});

/**
 * One owner per table (issue 14): a person's change to a case goes through the case writer, whose
 * transaction holds the access gate; the pull writes the portal's versions. A new file writing
 * `applications` or `history_events` would bypass the gate: add it here only if it is the pull.
 */
describe('one writer for a case', () => {
  const WRITERS: Record<string, readonly string[]> = {
    'UPDATE applications': [
      'src/main/core/cases/caseWriter.ts',
      // The pull: the portal's versions of a case, its transitions and conflicts.
      'src/main/core/cases/applicationsRepository.ts',
      'src/main/core/cases/portalTransitions.ts',
      'src/main/core/sync/conflicts.ts',
      'src/main/core/sync/pushOutbox.ts',
      // Other desks' assignments, from the office activity feed (the pull's side).
      'src/main/core/cases/sharedWork.ts',
    ],
    'INSERT INTO history_events': [
      'src/main/core/cases/caseWriter.ts',
      'src/main/core/cases/applicationsRepository.ts',
      'src/main/core/sync/conflicts.ts',
      'src/main/core/cases/sharedWork.ts',
    ],
    'INSERT INTO notes': [
      'src/main/core/cases/caseActions.ts',
      'src/main/core/cases/sharedWork.ts',
    ],
    // Which desk this is and the office's desks (design multi-desk §6.1).
    'UPDATE desk_identity': ['src/main/core/office/deskRegistry.ts'],
    'INSERT INTO office_desks': ['src/main/core/office/deskRegistry.ts'],
    'DELETE FROM office_desks': ['src/main/core/office/deskRegistry.ts'],
    // Accounts: sign-in state per desk, the administration's profile edits, the directory.
    'INSERT INTO users': [
      'src/main/core/auth/usersRepository.ts',
      'src/main/core/auth/directoryReplica.ts',
    ],
    'UPDATE users': [
      'src/main/core/auth/usersRepository.ts',
      'src/main/core/admin/userAccounts.ts',
      'src/main/core/auth/directoryReplica.ts',
    ],
    'INSERT INTO office_outbox': ['src/main/core/sync/officeOutbox.ts'],
    // Certificates, keys, number blocks and the registry's marks (design multi-desk §6.1).
    'UPDATE certificates': ['src/main/core/certificates/certificateStore.ts'],
    'INSERT INTO certificate_blocks': ['src/main/core/certificates/numberBlocks.ts'],
    'UPDATE certificate_blocks': ['src/main/core/certificates/numberBlocks.ts'],
    'INSERT INTO registry_marks': ['src/main/core/certificates/registryMarks.ts'],
    'INSERT INTO signing_keys': ['src/main/core/certificates/signingKeys.ts'],
    'UPDATE signing_keys': ['src/main/core/certificates/signingKeys.ts'],
    // Who holds a case: the portal's word, written by the pull only.
    'INSERT INTO case_leases': ['src/main/core/cases/leaseReplica.ts'],
    'DELETE FROM case_leases': ['src/main/core/cases/leaseReplica.ts'],
    'UPDATE office_outbox': ['src/main/core/sync/officeOutbox.ts'],
    // Assignments and take-overs, on this desk or from another's activity (design §6.1).
    'INSERT INTO notifications': ['src/main/core/assignment/notificationInbox.ts'],
    'UPDATE notifications': ['src/main/core/assignment/notificationInbox.ts'],
    'DELETE FROM notifications': [],
  };
  it.each(Object.keys(WRITERS))('only its owners contain « %s »', (sql) => {
    const pattern = new RegExp(sql.replace(' ', '\\s+'), 'i');
    const writers = sourceFiles(join(root, 'src'))
      .filter((file) => !file.includes(`${join('db', 'migrations')}`))
      .filter((file) => pattern.test(readFileSync(file, 'utf8')))
      .map((file) => relative(root, file))
      .sort();
    expect(writers).toEqual([...WRITERS[sql]!].sort());
  });
});
