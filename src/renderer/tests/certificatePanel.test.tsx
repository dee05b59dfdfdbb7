// @vitest-environment jsdom
import { act, fireEvent, screen, waitFor } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import { ApiCallError } from '../../shared/api/client';
import type { CertificateSummary } from '../../shared/api/certificateTypes';
import type { CaseDetail, CurrentUser } from '../../shared/api/types';
import { deferred, fakeEvents, renderWithProviders, type Deferred } from './dom';

const fake = vi.hoisted(() => ({ call: vi.fn(), on: vi.fn() }));
vi.mock('../src/api/api', () => ({ api: fake }));
const toasts = vi.hoisted(() => ({ show: vi.fn(), clean: vi.fn() }));
vi.mock('@mantine/notifications', () => ({ notifications: toasts }));
// The PDF viewer (pdf.js) is not what is tested here: the stub says which file it was given.
vi.mock('../src/certificates/CertificatePreview', () => ({
  CertificatePreview: (props: { file: { sha?: string } | null; loading: boolean }) => (
    <div data-testid="preview">{props.loading ? 'loading' : (props.file?.sha ?? 'none')}</div>
  ),
}));

const { connectLiveInvalidation } = await import('../src/api/liveInvalidation');
const { createQueryClient } = await import('../src/api/queryClient');
const { CertificatePanel } = await import('../src/certificates/CertificatePanel');
const { useSessionStore } = await import('../src/stores/sessionStore');

const approved = {
  row: { id: 'c1', status: 'approved' },
  review: { workflow: { allowedActions: ['issueCertificate'] }, portalChanges: null },
} as unknown as CaseDetail;

const certificate = (patch: Partial<CertificateSummary> = {}): CertificateSummary =>
  ({
    id: 'k1',
    number: 'IMPEX-2026-LOM-000123',
    applicationId: 'c1',
    reference: 'REF-1',
    procedureCode: 'IMPEX',
    holderName: 'Kodjo Mensah',
    officeCode: 'LOM',
    issuedAt: '2026-11-20T10:00:00.000Z',
    expiresOn: null,
    issuedBy: { id: 'u1', displayName: 'Afi Amouzou' },
    status: 'valid',
    revokedAt: null,
    revocationReason: null,
    duplicates: 0,
    sha256: 'abc',
    keyId: 'LOM-2026',
    ...patch,
  }) as CertificateSummary;

const callsOf = (method: string) => fake.call.mock.calls.filter(([name]) => name === method).length;

describe('the case’s certificate panel (was its own loading and reload counters)', () => {
  let issued: CertificateSummary[];
  let issue: Deferred<CertificateSummary>;
  let forCaseFails: boolean;
  beforeEach(() => {
    issued = [];
    issue = deferred();
    forCaseFails = false;
    useSessionStore.setState({ user: { id: 'u1', role: 'superviseur' } as CurrentUser });
    fake.call.mockImplementation((method: string, input: { id?: string }) => {
      if (method === 'certificates.forCase')
        return forCaseFails
          ? Promise.reject(new ApiCallError({ code: 'internal', message: 'Base indisponible.' }))
          : Promise.resolve(issued);
      if (method === 'certificates.file') return Promise.resolve({ sha: `file-${input.id}` });
      if (method === 'certificates.issue') return issue.promise;
      return Promise.reject(new Error(`unexpected ${method}`));
    });
  });

  it('issues once however often it is asked, then shows the certificate and its file', async () => {
    renderWithProviders(<CertificatePanel detail={approved} />, createQueryClient());
    const button = await screen.findByTestId('certificate-issue');
    fireEvent.click(button);
    await waitFor(() => expect(button.getAttribute('data-loading')).toBe('true'));
    fireEvent.click(button);
    expect(callsOf('certificates.issue')).toBe(1);
    expect(fake.call).toHaveBeenCalledWith('certificates.issue', { caseId: 'c1' });

    issued = [certificate()];
    act(() => issue.resolve(certificate()));
    expect((await screen.findByTestId('certificate-number')).textContent).toBe(
      'IMPEX-2026-LOM-000123',
    );
    await waitFor(() => expect(screen.getByTestId('preview').textContent).toBe('file-k1'));
    expect(toasts.show).toHaveBeenCalledWith(
      expect.objectContaining({ message: 'Certificat n° IMPEX-2026-LOM-000123 délivré' }),
    );
    expect(callsOf('certificates.forCase')).toBe(2);
  });

  it('a refused issue says why and offers the button again', async () => {
    renderWithProviders(<CertificatePanel detail={approved} />, createQueryClient());
    const button = await screen.findByTestId('certificate-issue');
    fireEvent.click(button);
    await waitFor(() => expect(callsOf('certificates.issue')).toBe(1));
    act(() => issue.reject(new ApiCallError({ code: 'conflict', message: 'Clé absente.' })));
    await waitFor(() =>
      expect(toasts.show).toHaveBeenCalledWith(
        expect.objectContaining({
          title: 'Le certificat n’a pas pu être délivré',
          message: 'Clé absente.',
        }),
      ),
    );
    await waitFor(() => expect(button.hasAttribute('data-loading')).toBe(false));
    expect(screen.getByTestId('certificate-to-issue')).toBeTruthy();
  });

  it('follows the case: a change of it elsewhere (a revocation) shows without a reload', async () => {
    issued = [certificate()];
    const queryClient = createQueryClient();
    const events = fakeEvents();
    const off = connectLiveInvalidation(events, queryClient, { quietMs: 5, maxWaitMs: 10 });
    renderWithProviders(<CertificatePanel detail={approved} />, queryClient);
    await screen.findByTestId('certificate-number');
    expect(screen.queryByTestId('certificate-revoked')).toBeNull();

    issued = [certificate({ status: 'revoked', revokedAt: '2026-11-21T09:00:00.000Z' })];
    act(() => events.emit('cases.changed', { ids: ['other'] }));
    act(() => events.emit('cases.changed', { ids: ['c1'] }));
    await screen.findByTestId('certificate-revoked');
    expect(callsOf('certificates.forCase')).toBe(2);
    // The stored file does not change: it is not fetched again.
    expect(callsOf('certificates.file')).toBe(1);
    off();
  });

  it('a list that cannot be read offers a retry', async () => {
    forCaseFails = true;
    renderWithProviders(<CertificatePanel detail={approved} />, createQueryClient());
    expect(await screen.findByText('Base indisponible.')).toBeTruthy();
    forCaseFails = false;
    fireEvent.click(screen.getByRole('button', { name: 'Réessayer' }));
    expect(await screen.findByTestId('certificate-to-issue')).toBeTruthy();
  });
});
