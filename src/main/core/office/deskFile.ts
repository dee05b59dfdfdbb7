import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';

/**
 * `<dataDir>/desk/desk.json` (design multi-desk §5.2): the desk's identity and its portal token,
 * outside the database so that neither a backup nor a copied `bureau.sqlite` carries them. A
 * database whose desk id differs from this file's belongs to another desk and does not sync.
 */

/** The portal gives desk ids as `<OFFICE>-<NN>` (LOM-01…); nothing else is accepted from it. */
export const DESK_ID = /^[A-Z]{2,10}-\d{2,4}$/;

const deskFileSchema = z.strictObject({
  deskId: z.string().regex(DESK_ID),
  officeCode: z.string().regex(/^[A-Z]{2,10}$/),
  deskToken: z.string().regex(/^dt_[A-Za-z0-9_-]{20,128}$/),
});
export type DeskFile = z.infer<typeof deskFileSchema>;

export function createDeskFile(dataDir: string) {
  const directory = join(dataDir, 'desk');
  const file = join(directory, 'desk.json');
  let cached: DeskFile | null | undefined;

  return {
    /** The desk's identity, or null before enrollment (or when the file is unreadable). */
    read(): DeskFile | null {
      if (cached !== undefined) return cached;
      try {
        const parsed = deskFileSchema.safeParse(JSON.parse(readFileSync(file, 'utf8')));
        cached = parsed.success ? parsed.data : null;
      } catch {
        cached = null;
      }
      return cached;
    },
    /**
     * Written before the database records the enrollment: a crash between the two finds the file
     * and replays the (idempotent) enrollment rather than losing the token. Atomic by rename.
     */
    write(desk: DeskFile): void {
      const valid = deskFileSchema.parse(desk);
      mkdirSync(directory, { recursive: true, mode: 0o700 });
      const temporary = `${file}.tmp`;
      writeFileSync(temporary, `${JSON.stringify(valid, null, 2)}\n`, { mode: 0o600 });
      chmodSync(temporary, 0o600);
      renameSync(temporary, file);
      cached = valid;
    },
  };
}
export type DeskFileStore = ReturnType<typeof createDeskFile>;
