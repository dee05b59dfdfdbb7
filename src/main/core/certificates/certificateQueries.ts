import type Database from 'better-sqlite3';
import type { CertificatePage } from '../../../shared/api/certificateTypes';
import { DomainError } from '../api/domainError';
import { decodeCursor, encodeCursor } from '../inbox/keysetCursor';
import { LIST_COLUMNS, searchText, toSummary, type CertificateListRow } from './certificateStore';

/**
 * The certificates list: newest first, paginated by keyset on (issued_at, id), searchable by
 * number, holder or portal reference (case- and accent-insensitive substring).
 */

const ORDER = 'certificates:issued:desc';

/** LIKE pattern of a search, with LIKE's own wildcards taken literally. */
function likePattern(search: string): string {
  return `%${searchText(search).replace(/[\\%_]/g, (char) => `\\${char}`)}%`;
}

export function createCertificateQueries(db: Database.Database) {
  const page = db.prepare<
    { pattern: string | null; afterAt: string | null; afterId: string | null; limit: number },
    CertificateListRow
  >(`
    SELECT ${LIST_COLUMNS} FROM certificates c LEFT JOIN users u ON u.id = c.issued_by
    WHERE (@pattern IS NULL OR c.search_text LIKE @pattern ESCAPE '\\')
      AND (@afterAt IS NULL OR (c.issued_at, c.id) < (@afterAt, @afterId))
    ORDER BY c.issued_at DESC, c.id DESC
    LIMIT @limit`);
  const total = db.prepare<{ pattern: string | null }, { n: number }>(`
    SELECT count(*) AS n FROM certificates c
    WHERE @pattern IS NULL OR c.search_text LIKE @pattern ESCAPE '\\'`);

  return {
    list(input: { search: string; cursor: string | null; limit: number }): CertificatePage {
      const pattern = input.search === '' ? null : likePattern(input.search);
      let after: { at: string; id: string } | null = null;
      if (input.cursor !== null) {
        const position = decodeCursor(input.cursor);
        if (!position || position.order !== ORDER || typeof position.value !== 'string') {
          throw new DomainError(
            'invalid_input',
            'La position dans la liste des certificats est invalide. Rechargez la liste.',
          );
        }
        after = { at: position.value, id: position.id };
      }
      const rows = page.all({
        pattern,
        afterAt: after?.at ?? null,
        afterId: after?.id ?? null,
        limit: input.limit + 1,
      });
      const more = rows.length > input.limit;
      const shown = more ? rows.slice(0, input.limit) : rows;
      const last = shown.at(-1);
      return {
        rows: shown.map(toSummary),
        nextCursor:
          more && last ? encodeCursor({ order: ORDER, value: last.issued_at, id: last.id }) : null,
        total: total.get({ pattern })?.n ?? 0,
      };
    },
  };
}
