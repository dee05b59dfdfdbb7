import { z } from 'zod';
import type { Catalog } from '../catalog/loadCatalog';
import type { CertificateStore } from '../certificates/certificateStore';
import { blockSchema, type NumberBlocks } from '../certificates/numberBlocks';
import type { Clock } from '../clock';
import { PortalResponseError, type PortalClient } from '../sync/portalClient';

/**
 * An enrolled desk's certificate numbering with the portal (design multi-desk §4, §3.6): keep one
 * block in use and one in reserve per procedure (next year's from 1 December, so a desk offline
 * on 1 January still issues), and register the certificates issued before enrolling.
 */

const IMPORT_BATCH = 500;
const MAX_IMPORT_BATCHES = 20;
const blockAnswer = z.object({ block: blockSchema });

export function createOfficeNumbering(deps: {
  portal: PortalClient;
  blocks: NumberBlocks;
  store: CertificateStore;
  catalog: Catalog;
  clock: Clock;
}) {
  const { portal, blocks, store, catalog, clock } = deps;

  async function refill(): Promise<number> {
    const now = clock.now();
    const years = [now.getUTCFullYear()];
    if (now.getUTCMonth() === 11) years.push(now.getUTCFullYear() + 1);
    let received = 0;
    for (const procedure of catalog.procedures) {
      for (const year of years) {
        // Two requests at most per run: one current block and one reserve.
        for (let turn = 0; turn < 2 && blocks.wantsMore(procedure.code, year); turn++) {
          let answer: unknown;
          try {
            answer = await portal.v2({
              method: 'POST',
              path: 'numbering/blocks',
              body: { procedureCode: procedure.code, year },
              as: 'desk',
            });
          } catch (error) {
            // The portal says no (limit, year not open): this desk keeps what it has.
            if (error instanceof PortalResponseError && error.status === 409) break;
            throw error;
          }
          const parsed = blockAnswer.safeParse(answer);
          if (!parsed.success || parsed.data.block.procedureCode !== procedure.code) break;
          blocks.receive([parsed.data.block], clock.now().toISOString());
          received++;
        }
      }
    }
    return received;
  }

  async function importLegacy(): Promise<number> {
    let imported = 0;
    for (let turn = 0; turn < MAX_IMPORT_BATCHES; turn++) {
      const batch = store.legacyBatch(IMPORT_BATCH);
      if (batch.length === 0) break;
      await portal.v2({
        method: 'POST',
        path: 'certificates/import',
        body: {
          certificates: batch.map((row) => ({
            number: row.number,
            applicationId: row.application_id,
            keyId: row.key_id,
            issuedAt: row.issued_at,
            status: row.status,
          })),
        },
        as: 'desk',
      });
      store.markImported(batch.map((row) => row.number));
      imported += batch.length;
    }
    return imported;
  }

  return { refill, importLegacy };
}
