import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/main/core/catalog/loadCatalog';
import {
  checkAction,
  checkConfirmPortalChanges,
  type WorkflowContext,
} from '../../src/shared/domain/caseWorkflow';
import type { PortalApplication } from '../../src/shared/portal/portalApplication';
import {
  accumulatePortalChanges,
  describeReviewedChange,
  describeReviewedChanges,
  MAX_REVIEWED_CHANGES,
  reviewedChanges,
} from '../../src/shared/portal/reviewedChanges';
import { renamedLastName } from '../../src/simulator/portalChanges';

/** The pure part of issue 13: what the portal changed in reviewed data, and how it is said. */

const catalog = loadCatalog(join(import.meta.dirname, '..', '..', 'resources', 'procedures'));
const artisanCard = catalog.get('ART-CP')!;

const SHA_A = 'a'.repeat(64);
const SHA_B = 'b'.repeat(64);

function application(): PortalApplication {
  return {
    id: 'app-000123',
    reference: 'ART-CP-2026-000123',
    procedureCode: 'ART-CP',
    status: 'approved',
    version: 4,
    submittedAt: '2026-11-02T09:15:00.000Z',
    updatedAt: '2026-11-05T10:00:00.000Z',
    applicant: {
      firstName: 'Akossiwa',
      lastName: 'Amouzou',
      gender: 'F',
      birthDate: '1988-03-14',
      phone: '+228 90 12 34 56',
      email: 'akossiwa.amouzou@example.tg',
      region: 'Grand Lomé',
      city: 'Lomé',
      address: 'Rue des Cocotiers, Bè',
    },
    company: null,
    form: { trade: 'couture', yearsOfPractice: 7, workshopName: 'Atelier Dzidzo' },
    documents: [
      {
        id: 'doc-000123-1',
        code: 'PIECE_IDENTITE',
        fileName: 'cni.pdf',
        mimeType: 'application/pdf',
        size: 48_213,
        sha256: SHA_A,
      },
    ],
    appliedEvents: [{ idempotencyKey: 'abcdef12-3456', version: 4 }],
  };
}

describe('reviewedChanges', () => {
  it('finds nothing when only the bookkeeping and the status change', () => {
    const before = application();
    const after: PortalApplication = {
      ...before,
      status: 'issued',
      version: 9,
      updatedAt: '2026-11-20T10:00:00.000Z',
      appliedEvents: [{ idempotencyKey: 'zzzzzzzz-9999', version: 9 }],
    };
    expect(reviewedChanges(before, after)).toEqual({ changes: [], omitted: 0 });
  });

  it('names each changed value by its path, old and new', () => {
    const before = application();
    const after: PortalApplication = {
      ...before,
      applicant: { ...before.applicant, lastName: 'Amouzou-Lawson', idNumber: 'TG-1234567' },
      form: { ...before.form, trade: 'coiffure', yearsOfPractice: null },
    };
    expect(reviewedChanges(before, after)).toEqual({
      changes: [
        { path: 'applicant.lastName', from: 'Amouzou', to: 'Amouzou-Lawson' },
        { path: 'applicant.idNumber', from: null, to: 'TG-1234567' },
        { path: 'form.trade', from: 'couture', to: 'coiffure' },
        { path: 'form.yearsOfPractice', from: 7, to: null },
      ],
      omitted: 0,
    });
  });

  it('compares the company field by field, appearing or gone', () => {
    const before = application();
    const company = {
      name: 'Kpodar & Frères',
      legalForm: 'SARL',
      nif: '1000123456',
      rccm: 'TG-LFW-01-2024-B12-00345',
    };
    const after = { ...before, company };
    expect(reviewedChanges(before, after).changes).toEqual([
      { path: 'company.name', from: null, to: 'Kpodar & Frères' },
      { path: 'company.legalForm', from: null, to: 'SARL' },
      { path: 'company.nif', from: null, to: '1000123456' },
      { path: 'company.rccm', from: null, to: 'TG-LFW-01-2024-B12-00345' },
    ]);
    const renamed = { ...after, company: { ...company, name: 'Kpodar et Fils' } };
    expect(reviewedChanges(after, renamed).changes).toEqual([
      { path: 'company.name', from: 'Kpodar & Frères', to: 'Kpodar et Fils' },
    ]);
  });

  it('lists documents added, removed and replaced by id, without their bytes', () => {
    const before = application();
    const photo = {
      id: 'doc-000123-2',
      code: 'PHOTO_IDENTITE',
      fileName: 'photo.jpg',
      mimeType: 'image/jpeg' as const,
      size: 20_000,
      sha256: SHA_B,
    };
    const added = { ...before, documents: [...before.documents, photo] };
    expect(reviewedChanges(before, added).changes).toEqual([
      {
        path: 'documents.doc-000123-2',
        from: null,
        to: { code: 'PHOTO_IDENTITE', fileName: 'photo.jpg', sha256: SHA_B },
      },
    ]);
    const replaced = {
      ...added,
      documents: [{ ...before.documents[0]!, sha256: SHA_B, fileName: 'cni-2.pdf' }],
    };
    expect(reviewedChanges(added, replaced).changes).toEqual([
      {
        path: 'documents.doc-000123-1',
        from: { code: 'PIECE_IDENTITE', fileName: 'cni.pdf', sha256: SHA_A },
        to: { code: 'PIECE_IDENTITE', fileName: 'cni-2.pdf', sha256: SHA_B },
      },
      {
        path: 'documents.doc-000123-2',
        from: { code: 'PHOTO_IDENTITE', fileName: 'photo.jpg', sha256: SHA_B },
        to: null,
      },
    ]);
  });

  it('stays bounded: long texts are cut, changes beyond the maximum are counted', () => {
    const before = application();
    const form: PortalApplication['form'] = {};
    for (let index = 0; index < MAX_REVIEWED_CHANGES + 7; index++) form[`extra${index}`] = index;
    const after = {
      ...before,
      applicant: { ...before.applicant, address: 'x'.repeat(3000) },
      form: { ...before.form, ...form },
    };
    const diff = reviewedChanges(before, after);
    expect(diff.changes).toHaveLength(MAX_REVIEWED_CHANGES);
    expect(diff.omitted).toBe(8); // the address and 27 form fields: 28 changes, 20 kept
    const address = diff.changes[0]!;
    expect(address.path).toBe('applicant.address');
    expect((address.to as string).length).toBe(200);
    expect(JSON.stringify(diff).length).toBeLessThan(4000);
  });
});

describe('accumulatePortalChanges', () => {
  const at = { detectedAt: '2026-11-06T08:00:00.000Z', version: 5 };

  it('keeps what the decision saw as « from » and the newest value as « to »', () => {
    const first = accumulatePortalChanges(
      null,
      {
        changes: [{ path: 'applicant.lastName', from: 'Amouzou', to: 'Amouzou-Lawson' }],
        omitted: 0,
      },
      at,
    );
    const second = accumulatePortalChanges(
      first,
      {
        changes: [
          { path: 'applicant.lastName', from: 'Amouzou-Lawson', to: 'Amouzou-Mensah' },
          { path: 'applicant.phone', from: '+228 90 12 34 56', to: '+228 91 12 34 56' },
        ],
        omitted: 0,
      },
      { detectedAt: '2026-11-07T08:00:00.000Z', version: 6 },
    );
    expect(second).toEqual({
      detectedAt: '2026-11-07T08:00:00.000Z',
      version: 6,
      changes: [
        { path: 'applicant.lastName', from: 'Amouzou', to: 'Amouzou-Mensah' },
        { path: 'applicant.phone', from: '+228 90 12 34 56', to: '+228 91 12 34 56' },
      ],
      omitted: 0,
    });
  });

  it('has nothing left to confirm when the portal puts back what the decision saw', () => {
    const waiting = accumulatePortalChanges(
      null,
      {
        changes: [{ path: 'applicant.lastName', from: 'Amouzou', to: 'Amouzou-Lawson' }],
        omitted: 0,
      },
      at,
    );
    expect(
      accumulatePortalChanges(
        waiting,
        {
          changes: [{ path: 'applicant.lastName', from: 'Amouzou-Lawson', to: 'Amouzou' }],
          omitted: 0,
        },
        at,
      ),
    ).toBeNull();
  });
});

describe('describing changes', () => {
  it('says the surname change as the banner shows it, in French and in English', () => {
    const change = { path: 'applicant.lastName', from: 'Amouzou', to: 'Amouzou-Lawson' };
    expect(describeReviewedChange(change, artisanCard, 'fr')).toBe(
      'nom de famille « Amouzou » → « Amouzou-Lawson »',
    );
    expect(describeReviewedChange(change, artisanCard, 'en')).toBe(
      'surname “Amouzou” → “Amouzou-Lawson”',
    );
  });

  it('uses the procedure’s labels for form fields, options and documents', () => {
    expect(
      describeReviewedChange(
        { path: 'form.trade', from: 'couture', to: 'coiffure' },
        artisanCard,
        'fr',
      ),
    ).toBe('Corps de métier « Couture » → « Coiffure »');
    expect(
      describeReviewedChange(
        { path: 'applicant.birthDate', from: '1988-03-14', to: null },
        artisanCard,
        'fr',
      ),
    ).toBe('date de naissance 14/03/1988 → vide');
    expect(
      describeReviewedChange(
        {
          path: 'documents.doc-1',
          from: null,
          to: { code: 'PIECE_IDENTITE', fileName: 'cni.pdf', sha256: SHA_A },
        },
        artisanCard,
        'fr',
      ),
    ).toBe("pièce « Pièce d'identité » ajoutée : « cni.pdf »");
  });

  it('spells out the first changes and counts the rest', () => {
    const changes = Array.from({ length: 7 }, (_, index) => ({
      path: `form.extra${index}`,
      from: index,
      to: index + 1,
    }));
    const text = describeReviewedChanges({ changes, omitted: 2 }, artisanCard, 'fr', 3);
    expect(text).toBe('extra0 0 → 1 ; extra1 1 → 2 ; extra2 2 → 3 ; et 6 autres modifications');
  });
});

describe('the state machine while the portal’s changes wait for a person', () => {
  const base: WorkflowContext = {
    status: 'approved',
    role: 'agent',
    userId: 'u-agent-kossi',
    claimedBy: null,
    signOffRequired: false,
    signOffRequestedBy: null,
    inConflict: false,
    checklistRemaining: 0,
    sameOffice: true,
    unconfirmedPortalChanges: 'nom de famille « Amouzou » → « Amouzou-Lawson »',
  };

  it('refuses to issue the certificate, saying what changed and what to do', () => {
    const check = checkAction(base, 'issueCertificate');
    expect(check).toEqual({
      allowed: false,
      code: 'portal_changes_unconfirmed',
      reason:
        'Le portail a modifié des données après la décision : nom de famille « Amouzou » → « Amouzou-Lawson ». Vérifiez ces modifications puis confirmez-les (« J’ai vérifié ces modifications ») avant de délivrer le certificat.',
      refusal: {
        key: 'portalChangesUnconfirmed',
        params: {
          changes: 'nom de famille « Amouzou » → « Amouzou-Lawson »',
          deVerb: 'issueCertificate',
        },
      },
    });
    expect(checkAction({ ...base, unconfirmedPortalChanges: null }, 'issueCertificate')).toEqual({
      allowed: true,
      to: 'issued',
    });
  });

  it('refuses the sign-off, not the return to review', () => {
    const pending: WorkflowContext = {
      ...base,
      status: 'pending_signoff',
      role: 'superviseur',
      userId: 'u-sup-ablavi',
      signOffRequired: true,
      signOffRequestedBy: 'u-agent-kossi',
    };
    const approve = checkAction(pending, 'signOffApprove');
    expect(approve).toMatchObject({ allowed: false, code: 'portal_changes_unconfirmed' });
    expect(approve.allowed ? '' : approve.reason).toMatch(/avant de valider la décision\.$/);
    expect(checkAction(pending, 'signOffReturn')).toEqual({ allowed: true, to: 'in_review' });
  });

  it('lets the case’s clerk or a supervisor of its office confirm, nobody else', () => {
    expect(checkConfirmPortalChanges(base, 'u-agent-kossi').allowed).toBe(true);
    expect(checkConfirmPortalChanges(base, 'u-agent-akossiwa')).toMatchObject({
      allowed: false,
      code: 'claimed_by_other',
    });
    const supervisor = { ...base, role: 'superviseur' as const, userId: 'u-sup-ablavi' };
    expect(checkConfirmPortalChanges(supervisor, 'u-agent-kossi').allowed).toBe(true);
    expect(checkConfirmPortalChanges({ ...supervisor, sameOffice: false }, null)).toMatchObject({
      allowed: false,
      code: 'other_office',
    });
    expect(
      checkConfirmPortalChanges({ ...base, role: 'administrateur' }, 'u-agent-kossi'),
    ).toMatchObject({ allowed: false, code: 'forbidden_role' });
    expect(
      checkConfirmPortalChanges({ ...base, unconfirmedPortalChanges: null }, 'u-agent-kossi'),
    ).toMatchObject({ allowed: false, code: 'wrong_status' });
  });
});

describe('the simulator’s rename', () => {
  it('joins another Togolese family name with a hyphen, the same way each time', () => {
    const record = application();
    const renamed = renamedLastName(record);
    expect(renamed).toMatch(/^Amouzou-[\p{L}' ]+$/u);
    expect(renamed).not.toBe('Amouzou-Amouzou');
    expect(renamedLastName(record)).toBe(renamed);
  });
});
