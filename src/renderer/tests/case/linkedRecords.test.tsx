// @vitest-environment jsdom
import { fireEvent, screen, waitFor, within } from '@testing-library/react';
import { beforeEach, describe, expect, it, vi } from 'vitest';
import type { CurrentUser } from '../../../shared/api/types';
import type {
  LinkedRecords,
  PrerequisiteCheck,
  SameApplicantCase,
} from '../../../shared/api/linkedTypes';
import type { CaseDetail } from '../../../shared/api/types';
import { renderWithProviders } from '../dom';

const fake = vi.hoisted(() => ({ call: vi.fn(), on: vi.fn() }));
vi.mock('../../src/api/api', () => ({ api: fake }));

const { queryClient } = await import('../../src/api/queryClient');
const { useSessionStore } = await import('../../src/stores/sessionStore');
const { LinkedRecordsPanel } = await import('../../src/case/linked/LinkedRecordsPanel');
const { ChecklistPanel } = await import('../../src/case/review/ChecklistPanel');

const LABEL = { fr: "Carte d'importateur", en: 'Importer card' };

/** The little of an APIPS request the panel and the checklist read. */
function caseOf(id = 'app-main'): CaseDetail {
  return {
    row: {
      id,
      reference: 'COM-APIPS-2026-000100',
      procedureCode: 'COM-APIPS',
      status: 'submitted',
    },
    record: {
      submittedAt: '2026-12-01T09:00:00Z',
      applicant: {
        firstName: 'Afi',
        lastName: 'Kodjo',
        idNumber: 'TG-1',
        phone: '+22890000000',
        email: 'afi@example.tg',
        address: 'Rue 1',
        city: 'Lomé',
      },
      company: { name: 'Ets Kodjo', nif: '1000000001', rccm: 'TG-LOM-2020-B-1' },
      form: { importerCardNumber: 'CIE-2026-LOM-900003', cifValue: 1250000, origin: 'CN' },
      documents: [
        {
          id: 'doc-1',
          code: 'FACTURE_PROFORMA',
          fileName: 'proforma.pdf',
          mimeType: 'application/pdf',
          size: 20480,
          sha256: 'a'.repeat(64),
        },
      ],
    },
    procedure: {
      code: 'COM-APIPS',
      sections: [
        {
          id: 'goods',
          title: { fr: 'Marchandise', en: 'Goods' },
          fields: [
            { id: 'importerCardNumber', type: 'text', label: LABEL },
            { id: 'cifValue', type: 'amount', label: { fr: 'Valeur CAF', en: 'CIF value' } },
            { id: 'origin', type: 'country', label: { fr: 'Origine', en: 'Origin' } },
          ],
        },
      ],
      documents: [
        { code: 'FACTURE_PROFORMA', label: { fr: 'Facture pro forma', en: 'Pro forma invoice' } },
      ],
      checklist: [
        { id: 'carteImportateurValide', label: { fr: 'Carte valide', en: 'Valid card' } },
        { id: 'facture', label: { fr: 'Facture', en: 'Invoice' } },
      ],
      prerequisites: [
        {
          field: 'importerCardNumber',
          procedureCode: 'COM-IMPEX',
          checklistItem: 'carteImportateurValide',
          label: LABEL,
        },
      ],
    },
    review: { checklist: [], workflow: { allowedActions: ['tickChecklist'] } },
  } as unknown as CaseDetail;
}

function check(state: PrerequisiteCheck['state']): PrerequisiteCheck {
  return {
    field: 'importerCardNumber',
    checklistItem: 'carteImportateurValide',
    procedureCode: 'COM-IMPEX',
    label: LABEL,
    cited: state === 'not_given' ? null : 'CIE-2026-LOM-900003',
    state,
    certificate:
      state === 'unknown' || state === 'not_given'
        ? null
        : {
            number: 'CIE-2026-LOM-900003',
            procedureCode: 'COM-IMPEX',
            holderName: 'Ets Kodjo',
            issuedAt: '2026-01-01T10:00:00Z',
            expiresOn: state === 'expired' ? '2026-06-30' : '2026-12-31',
            revokedAt: state === 'revoked' ? '2026-11-07T10:00:00Z' : null,
            revocationReason: state === 'revoked' ? 'Pièces falsifiées' : null,
            source: 'portal',
            applicationId: 'app-card',
            reference: 'COM-IMPEX-2026-000007',
          },
  };
}

const OPEN: SameApplicantCase = {
  id: 'app-dup',
  reference: 'COM-APIPS-2026-000101',
  procedureCode: 'COM-APIPS',
  status: 'submitted',
  officeCode: 'LOM',
  applicantName: 'Afi Kodjo',
  companyName: 'Ets Kodjo',
  nif: '1000000001',
  rccm: 'TG-LOM-2020-B-1',
  phone: '+22890000000',
  idNumber: 'TG-1',
  submittedAt: '2026-12-03T09:00:00Z',
  matchedOn: ['nif', 'rccm'],
  decision: null,
  duplicate: null,
};

const DECIDED: SameApplicantCase = {
  ...OPEN,
  id: 'app-old',
  reference: 'COM-IMPEX-2026-000050',
  procedureCode: 'COM-IMPEX',
  status: 'rejected',
  decision: {
    outcome: 'rejected',
    decidedOn: '2026-09-08',
    reasonCodes: ['PIECE_FALSIFIEE'],
    reasons: [{ fr: 'Pièce falsifiée', en: 'Forged document' }],
    comment: 'RCCM non conforme.',
  },
};

function linked(patch: Partial<LinkedRecords> = {}): LinkedRecords {
  return {
    caseId: 'app-main',
    prerequisites: [check('revoked')],
    openCases: [],
    recentDecisions: [],
    duplicates: [],
    signals: [],
    ...patch,
  };
}

beforeEach(() => {
  queryClient.clear();
  fake.call.mockReset();
  useSessionStore.setState({ user: { id: 'u1', role: 'agent' } as CurrentUser });
});

describe('the checklist shows the prerequisite’s state beside its item (issue 20 §2)', () => {
  it.each([
    ['valid', "Carte d'importateur CIE-2026-LOM-900003 : valide jusqu’au 31/12/2026 (Ets Kodjo)"],
    ['expired', "Carte d'importateur CIE-2026-LOM-900003 : expirée le 30/06/2026 (Ets Kodjo)"],
    ['revoked', "Carte d'importateur CIE-2026-LOM-900003 : révoquée le 07/11/2026 (Ets Kodjo)"],
    ['unknown', "Carte d'importateur CIE-2026-LOM-900003 : inconnue de Bureau"],
    ['not_given', "Carte d'importateur : non indiquée"],
  ] as const)('%s', async (state, sentence) => {
    fake.call.mockResolvedValue(linked({ prerequisites: [check(state)] }));
    renderWithProviders(<ChecklistPanel detail={caseOf()} />, queryClient);
    const line = await screen.findByTestId('prerequisite-carteImportateurValide');
    expect(line.dataset.state).toBe(state);
    expect(line.textContent).toContain(sentence);
    expect(fake.call).toHaveBeenCalledWith('cases.linked', { id: 'app-main' });
    // Only beside the item the rule names; the issuing case is a link when known.
    expect(screen.getAllByTestId(/^prerequisite-carte/)).toHaveLength(1);
    expect(screen.queryAllByTestId(/^prerequisite-case-/)).toHaveLength(
      state === 'unknown' || state === 'not_given' ? 0 : 1,
    );
    if (state === 'valid') {
      expect(
        screen.getByTestId('prerequisite-case-carteImportateurValide').getAttribute('href'),
      ).toBe('#/cases/app-card');
    }
  });

  it('a procedure without prerequisite rules asks nothing', () => {
    const detail = caseOf();
    (detail.procedure as { prerequisites?: unknown }).prerequisites = undefined;
    renderWithProviders(<ChecklistPanel detail={detail} />, queryClient);
    expect(fake.call).not.toHaveBeenCalled();
    expect(screen.queryByTestId('prerequisite-carteImportateurValide')).toBeNull();
  });
});

describe('« Dossiers liés »', () => {
  it('says when the applicant has no other case', async () => {
    fake.call.mockResolvedValue(linked());
    renderWithProviders(<LinkedRecordsPanel detail={caseOf()} />, queryClient);
    expect((await screen.findByTestId('linked-empty')).textContent).toBe(
      'Aucun autre dossier de ce demandeur.',
    );
  });

  it('signals first, with what they rest on; then open cases; then decided ones', async () => {
    fake.call.mockResolvedValue(
      linked({
        signals: [
          {
            kind: 'revoked_prerequisite',
            cases: [{ id: 'app-card', reference: 'COM-IMPEX-2026-000007' }],
            certificateNumber: 'CIE-2026-LOM-900003',
            procedureCode: 'COM-IMPEX',
            revocationReason: 'Pièces falsifiées',
          },
        ],
        openCases: [OPEN],
        recentDecisions: [DECIDED],
      }),
    );
    renderWithProviders(<LinkedRecordsPanel detail={caseOf()} />, queryClient);
    const signal = await screen.findByTestId('linked-signal-revoked_prerequisite');
    expect(signal.textContent).toContain(
      'Le document cité CIE-2026-LOM-900003 (COM-IMPEX) est révoqué (Pièces falsifiées). Délivré pour :',
    );
    expect(within(signal).getByRole('link', { name: 'COM-IMPEX-2026-000007' })).toBeTruthy();
    expect(screen.queryByTestId('linked-empty')).toBeNull();
    const open = screen.getByTestId('linked-open-app-dup');
    expect(open.textContent).toContain('Même NIF, RCCM');
    const decided = screen.getByTestId('linked-decided-app-old');
    expect(decided.textContent).toContain('Refusé');
    expect(decided.textContent).toContain('08/09/2026');
    expect(decided.textContent).toContain('Pièce falsifiée — RCCM non conforme.');
    // Order: signals, open, decided.
    const panel = screen.getByTestId('linked-records');
    const order = [...panel.querySelectorAll('[data-testid]')]
      .map((node) => (node as HTMLElement).dataset.testid)
      .filter((id) => ['linked-signals', 'linked-open', 'linked-decided'].includes(id!));
    expect(order).toEqual(['linked-signals', 'linked-open', 'linked-decided']);
  });

  it('« Marquer comme doublon » asks a reason, calls the core, and says it is done', async () => {
    const marked = { ...OPEN, duplicate: null };
    fake.call.mockImplementation((method: string) => {
      if (method === 'cases.linked') return Promise.resolve(linked({ openCases: [marked] }));
      if (method === 'cases.markDuplicate') return Promise.resolve(caseOf());
      if (method === 'cases.get') return Promise.resolve(caseOf());
      throw new Error(method);
    });
    renderWithProviders(<LinkedRecordsPanel detail={caseOf()} />, queryClient);
    fireEvent.click(await screen.findByTestId('linked-mark-button-app-dup'));
    const dialog = await screen.findByRole('dialog');
    fireEvent.click(within(dialog).getByTestId('linked-mark-confirm'));
    expect(
      await within(dialog).findByText('Indiquez pourquoi ce dossier est un doublon.'),
    ).toBeTruthy();
    expect(fake.call).not.toHaveBeenCalledWith('cases.markDuplicate', expect.anything());
    fireEvent.change(within(dialog).getByLabelText(/Motif/), {
      target: { value: ' Même demande déposée deux fois. ' },
    });
    expect(within(dialog).getByTestId('comment-counter').textContent).toContain('/');
    fireEvent.click(within(dialog).getByTestId('linked-mark-confirm'));
    await waitFor(() =>
      expect(fake.call).toHaveBeenCalledWith('cases.markDuplicate', {
        id: 'app-main',
        duplicateOf: 'app-dup',
        reason: 'Même demande déposée deux fois.',
      }),
    );
    expect((await screen.findByTestId('linked-marked')).textContent).toBe(
      'Marqué comme doublon de COM-APIPS-2026-000101.',
    );
  });

  it('« Comparer » shows the two cases side by side, what differs marked', async () => {
    const other = caseOf('app-dup');
    (other.row as { reference: string }).reference = OPEN.reference;
    (other.record.applicant as { phone: string }).phone = '+22891111111';
    fake.call.mockImplementation((method: string) =>
      Promise.resolve(method === 'cases.linked' ? linked({ openCases: [OPEN] }) : other),
    );
    renderWithProviders(<LinkedRecordsPanel detail={caseOf()} />, queryClient);
    fireEvent.click(await screen.findByTestId('linked-compare-app-dup'));
    const phone = await screen.findByTestId('compare-phone');
    expect(phone.dataset.differs).toBe('true');
    expect(phone.textContent).toContain('+22890000000');
    expect(phone.textContent).toContain('+22891111111');
    expect(screen.getByTestId('compare-nif').dataset.differs).toBe('false');
  });

  it('« Comparer » shows the procedure’s form, labelled and formatted, and the documents’ files', async () => {
    const other = caseOf('app-dup');
    (other.row as { reference: string }).reference = OPEN.reference;
    other.record.form = {
      importerCardNumber: 'CIE-2026-LOM-900003',
      cifValue: 980000,
      origin: 'CN',
    };
    other.record.documents = [
      {
        ...other.record.documents[0]!,
        fileName: 'facture.pdf',
        size: 10240,
        sha256: 'b'.repeat(64),
      },
    ];
    fake.call.mockImplementation((method: string) =>
      Promise.resolve(method === 'cases.linked' ? linked({ openCases: [OPEN] }) : other),
    );
    renderWithProviders(<LinkedRecordsPanel detail={caseOf()} />, queryClient);
    fireEvent.click(await screen.findByTestId('linked-compare-app-dup'));
    const group = await screen.findByTestId('compare-group-form-goods');
    expect(group.textContent).toContain('Formulaire — Marchandise');
    const value = screen.getByTestId('compare-form-cifValue');
    expect(value.dataset.differs).toBe('true');
    expect(value.textContent).toContain('Valeur CAF');
    expect(value.textContent).toContain('(différent)');
    expect(value.textContent).toMatch(/1\s250\s000\sFCFA/);
    expect(value.textContent).toMatch(/980\s000\sFCFA/);
    const origin = screen.getByTestId('compare-form-origin');
    expect(origin.dataset.differs).toBe('false');
    expect(origin.textContent).toContain('Chine');
    const document = screen.getByTestId('compare-document-FACTURE_PROFORMA');
    expect(document.dataset.differs).toBe('true');
    expect(document.textContent).toContain('Facture pro forma');
    expect(document.textContent).toContain('proforma.pdf · 20 Ko · fichier différent');
    expect(document.textContent).toContain('facture.pdf · 10 Ko · fichier différent');
  });

  it('« Comparer » says the same file when both sent the same bytes', async () => {
    const other = caseOf('app-dup');
    (other.row as { reference: string }).reference = OPEN.reference;
    fake.call.mockImplementation((method: string) =>
      Promise.resolve(method === 'cases.linked' ? linked({ openCases: [OPEN] }) : other),
    );
    renderWithProviders(<LinkedRecordsPanel detail={caseOf()} />, queryClient);
    fireEvent.click(await screen.findByTestId('linked-compare-app-dup'));
    const document = await screen.findByTestId('compare-document-FACTURE_PROFORMA');
    expect(document.dataset.differs).toBe('false');
    expect(document.textContent).toContain('même fichier (SHA-256 identique)');
  });

  it('a failed read says why', async () => {
    fake.call.mockRejectedValue(new Error('hors ligne'));
    renderWithProviders(<LinkedRecordsPanel detail={caseOf()} />, queryClient);
    expect((await screen.findByRole('alert')).textContent).toContain('Dossiers liés indisponibles');
  });
});
