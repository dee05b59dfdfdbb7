import type { ProcedureDefinition } from '../src/shared/catalog/procedureSchema';
import type { CaseStatus } from '../src/shared/domain/caseStatus';
import type { PortalApplication } from '../src/shared/portal/portalApplication';
import { generateApplication } from '../src/simulator/generateApplication';
import { createRandom, type Random } from '../src/simulator/random';

export const NOW = new Date('2026-11-23T09:00:00Z');
const DAY_MS = 86_400_000;
const CLOSED: readonly CaseStatus[] = ['approved', 'issued', 'issued', 'rejected', 'withdrawn'];
const OPEN: readonly CaseStatus[] = [
  'submitted',
  'submitted',
  'in_review',
  'info_requested',
  'pending_signoff',
];

/**
 * A ministry's cache with history: submissions over the last two years; what is older than a
 * month is nearly all closed, the recent intake mostly open. Deterministic for a given seed.
 */
function shapeStatus(rng: Random, record: PortalApplication): void {
  const ageDays = (NOW.getTime() - Date.parse(record.submittedAt)) / DAY_MS;
  const closedShare = ageDays > 30 ? 0.97 : 0.15;
  const statuses = rng.chance(closedShare) ? CLOSED : OPEN;
  record.status = statuses[rng.int(0, statuses.length - 1)] ?? 'submitted';
}

/** Yields the records in batches so a million never sit in memory at once. */
export function* generateBatches(
  size: number,
  batchSize: number,
  procedures: readonly ProcedureDefinition[],
): Generator<PortalApplication[]> {
  const rng = createRandom(2026);
  for (let start = 1; start <= size; start += batchSize) {
    const batch: PortalApplication[] = [];
    for (let sequence = start; sequence < Math.min(start + batchSize, size + 1); sequence++) {
      const record = generateApplication(rng, { sequence, procedures, now: NOW, withinDays: 730 });
      shapeStatus(rng, record);
      batch.push(record);
    }
    yield batch;
  }
}
