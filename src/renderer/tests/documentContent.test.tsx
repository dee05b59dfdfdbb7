// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { DocumentContent } from '../../shared/api/caseTypes';
import { ApiCallError } from '../../shared/api/client';
import type { DocumentStatus } from '../../shared/api/syncTypes';
import type { PortalDocument } from '../../shared/portal/portalApplication';
import { deferred, renderWithProviders, type Deferred } from './dom';

const fake = vi.hoisted(() => ({ call: vi.fn(), on: vi.fn() }));
vi.mock('../src/api/api', () => ({ api: fake }));

const { createQueryClient } = await import('../src/api/queryClient');
const { useDocumentContent } = await import('../src/case/documents/useDocumentContent');

const doc = (id: string, sha256 = `sha-${id}`) => ({ id, sha256 }) as unknown as PortalDocument;
const status = (id: string, state: DocumentStatus['state']): DocumentStatus => ({
  id,
  state,
  attempts: 1,
  lastError: null,
});

function Viewer(props: { attachment: PortalDocument; status?: DocumentStatus }) {
  const { state, retry } = useDocumentContent(props.attachment, props.status);
  return (
    <div>
      <span data-testid="state">
        {state.kind === 'ready' ? `ready:${state.content.base64}` : state.kind}
      </span>
      <button onClick={retry}>Réessayer</button>
    </div>
  );
}

const shown = () => screen.getByTestId('state').textContent;
const callsOf = (id: string) =>
  fake.call.mock.calls.filter(([name, input]) => name === 'documents.content' && input.id === id)
    .length;

describe('an attachment’s bytes (was a hand-made cache, attempt counter and poll timer)', () => {
  let answers: Map<string, Deferred<DocumentContent>[]>;
  const answer = (id: string) => {
    const list = answers.get(id) ?? [];
    const next = deferred<DocumentContent>();
    list.push(next);
    answers.set(id, list);
    return next.promise;
  };
  const settle = (id: string, outcome: 'ok' | 'not_ready' | 'fail', base64 = id) => {
    const pending = answers.get(id)?.shift();
    if (!pending) throw new Error(`no request for ${id}`);
    act(() => {
      if (outcome === 'ok') pending.resolve({ id, fileName: 'f', mimeType: 'x', base64 });
      else
        pending.reject(
          new ApiCallError(
            outcome === 'not_ready'
              ? { code: 'not_ready', message: 'Pièce en cours de téléchargement.' }
              : { code: 'internal', message: 'Fichier illisible.' },
          ),
        );
    });
  };
  beforeEach(() => {
    answers = new Map();
    fake.call.mockImplementation((_method: string, input: { id: string }) => answer(input.id));
  });

  it('waits for the download, then loads once; going back to a file shows it without asking again', async () => {
    const { rerender } = renderWithProviders(
      <Viewer attachment={doc('d1')} status={status('d1', 'pending')} />,
      createQueryClient(),
    );
    expect(shown()).toBe('downloading');
    expect(callsOf('d1')).toBe(0);
    // The sync says it is downloaded (a live update of the case).
    rerender(<Viewer attachment={doc('d1')} status={status('d1', 'ready')} />);
    expect(shown()).toBe('loading');
    await waitFor(() => expect(callsOf('d1')).toBe(1));
    settle('d1', 'ok');
    await waitFor(() => expect(shown()).toBe('ready:d1'));

    rerender(<Viewer attachment={doc('d2')} status={status('d2', 'ready')} />);
    await waitFor(() => expect(callsOf('d2')).toBe(1));
    settle('d2', 'ok');
    await waitFor(() => expect(shown()).toBe('ready:d2'));
    rerender(<Viewer attachment={doc('d1')} status={status('d1', 'ready')} />);
    expect(shown()).toBe('ready:d1');
    expect(callsOf('d1')).toBe(1);

    // New bytes under the same id (another checksum): fetched, never the old ones shown.
    rerender(<Viewer attachment={doc('d1', 'sha-new')} status={status('d1', 'ready')} />);
    expect(shown()).toBe('loading');
    await waitFor(() => expect(callsOf('d1')).toBe(2));
    settle('d1', 'ok', 'new');
    await waitFor(() => expect(shown()).toBe('ready:new'));
  });

  it('« not ready » from the core reads as still downloading, not as an error', async () => {
    renderWithProviders(<Viewer attachment={doc('d3')} />, createQueryClient());
    await waitFor(() => expect(callsOf('d3')).toBe(1));
    settle('d3', 'not_ready');
    await waitFor(() => expect(shown()).toBe('downloading'));
  });

  it('a failure offers a retry, which shows loading, then the file', async () => {
    renderWithProviders(<Viewer attachment={doc('d4')} />, createQueryClient());
    await waitFor(() => expect(callsOf('d4')).toBe(1));
    settle('d4', 'fail');
    await waitFor(() => expect(shown()).toBe('error'));
    fireEvent.click(screen.getByRole('button', { name: 'Réessayer' }));
    await waitFor(() => expect(shown()).toBe('loading'));
    settle('d4', 'ok');
    await waitFor(() => expect(shown()).toBe('ready:d4'));
  });
});
