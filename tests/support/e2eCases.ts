import type { Page } from '@playwright/test';
import type { CaseDetail, InboxPage } from '../../src/shared/api/types';
import { pageRpc } from './e2eHost';

/**
 * Two received cases of the signed-in person's office waiting to be reviewed that `usable`
 * accepts (given the ones already kept), found through the real API.
 */
export async function findTwoCases(
  page: Page,
  usable: (detail: CaseDetail, kept: readonly CaseDetail[]) => boolean,
  lacking: string,
): Promise<[CaseDetail, CaseDetail]> {
  const list = await pageRpc<InboxPage>(page, 'inbox.list', {
    queue: 'to_process',
    filters: { statuses: ['submitted'] },
    limit: 200,
  });
  const found: CaseDetail[] = [];
  for (const row of list.rows) {
    const detail = await pageRpc<CaseDetail>(page, 'cases.get', { id: row.id });
    if (usable(detail, found)) found.push(detail);
    if (found.length === 2) return [found[0]!, found[1]!];
  }
  throw new Error(`training data lacks ${lacking}`);
}
