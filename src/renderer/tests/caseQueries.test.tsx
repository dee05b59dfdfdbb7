// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CaseDetail } from '../../shared/api/types';
import { deferred, renderWithProviders, type Deferred } from './dom';

const fake = vi.hoisted(() => ({ call: vi.fn(), on: vi.fn() }));
vi.mock('../src/api/api', () => ({ api: fake }));

const { createQueryClient } = await import('../src/api/queryClient');
const { prefetchCase, useCaseActionBusy, useCaseActionMutation, useCaseDetail } =
  await import('../src/case/caseQueries');
const { queryClient: appQueryClient } = await import('../src/api/queryClient');

const detail = (id: string, status: string) => ({ row: { id, status } }) as unknown as CaseDetail;

function Probe({ id }: { id: string }) {
  const query = useCaseDetail(id);
  const busy = useCaseActionBusy();
  const action = useCaseActionMutation();
  return (
    <div>
      <button onClick={() => action.mutate({ method: 'cases.claim', input: { id } })}>
        Prendre en charge
      </button>
      <span data-testid="status">{query.data?.row.status ?? '-'}</span>
      <span data-testid="busy">{busy ?? '-'}</span>
    </div>
  );
}

const text = (id: string) => screen.getByTestId(id).textContent;

describe('the open case (was caseStore)', () => {
  let claim: Deferred<CaseDetail>;
  beforeEach(() => {
    claim = deferred();
    fake.call.mockImplementation((method: string, input: { id: string }) =>
      method === 'cases.get' ? Promise.resolve(detail(input.id, 'submitted')) : claim.promise,
    );
  });

  it('an action shows which one is under way, and its answer replaces the case without a refetch', async () => {
    renderWithProviders(<Probe id="c1" />, createQueryClient());
    await waitFor(() => expect(text('status')).toBe('submitted'));
    fireEvent.click(screen.getByRole('button'));
    await waitFor(() => expect(text('busy')).toBe('cases.claim'));

    act(() => claim.resolve(detail('c1', 'in_review')));
    await waitFor(() => expect(text('status')).toBe('in_review'));
    expect(text('busy')).toBe('-');
    expect(fake.call.mock.calls.filter(([method]) => method === 'cases.get')).toHaveLength(1);
  });

  it('a case asked for ahead is drawn from what was asked, with what its view reads beside it', async () => {
    prefetchCase('c9');
    const calls = (method: string) => fake.call.mock.calls.filter(([name]) => name === method);
    await waitFor(() => expect(calls('cases.get')).toHaveLength(1));
    expect(calls('cases.linked')).toHaveLength(1);
    expect(calls('letters.forCase')).toHaveLength(1);
    renderWithProviders(<Probe id="c9" />, appQueryClient);
    await waitFor(() => expect(text('status')).toBe('submitted'));
    // Drawing it sends nothing: the case view's first frame has it, and no request in its commit.
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect(calls('cases.get')).toHaveLength(1);
  });

  it('a refused action leaves the case as it was', async () => {
    renderWithProviders(<Probe id="c2" />, createQueryClient());
    await waitFor(() => expect(text('status')).toBe('submitted'));
    fireEvent.click(screen.getByRole('button'));
    await waitFor(() => expect(text('busy')).toBe('cases.claim'));
    act(() => claim.reject(new Error('refused')));
    await waitFor(() => expect(text('busy')).toBe('-'));
    expect(text('status')).toBe('submitted');
  });
});
