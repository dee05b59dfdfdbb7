import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../../src/main/core/catalog/loadCatalog';
import { procedureFields } from '../../../src/shared/catalog/procedureSchema';
import { validateForm } from '../../../src/shared/catalog/validateForm';
import { portalApplication } from '../../../src/shared/portal/portalApplication';
import { PORTAL_EVENT_KINDS } from '../../../src/shared/portal/portalEventKinds';
import { createAttachmentPool } from '../../../src/simulator/attachments';
import { storeChangeFor } from '../../../src/simulator/portalChanges';
import { createPortalEvents } from '../../../src/simulator/portalEvents';
import { createPortalStore } from '../../../src/simulator/portalStore';

const procedures = [
  ...loadCatalog(join(import.meta.dirname, '..', '..', '..', 'resources', 'procedures')).procedures,
];

const agent = { id: 'u-agent', displayName: 'Kossi Agbodjan' };
const NOW = '2025-11-20T12:00:00.000Z';

function portal(seed = 9, count = 3) {
  let now = new Date(NOW);
  // Two variants per document keep rendering cheap; the reply must still pick a new file.
  const store = createPortalStore({
    seed,
    procedures,
    now: () => now,
    attachments: createAttachmentPool(2),
  });
  store.add(count, { initial: true });
  const events = createPortalEvents(store, () => now);
  let keys = 0;
  const post = (id: string, kind: string, payload: Record<string, unknown>, key?: string) => {
    const reply = events.submit(id, key ?? `key-${String(++keys).padStart(6, '0')}`, {
      kind,
      occurredAt: now.toISOString(),
      payload,
    });
    return { status: reply.status, body: JSON.parse(String(reply.body)), headers: reply.headers };
  };
  const ids = store.page(0, 100).items.map((record) => record.id);
  return {
    store,
    events,
    post,
    ids,
    advance: (ms: number) => (now = new Date(now.getTime() + ms)),
  };
}

describe('portal simulator: Bureau events applied to the record', () => {
  it('uses the shared list of event kinds', () => {
    const { post, ids } = portal();
    expect(post(ids[0]!, 'case.unknown', {}).status).toBe(422);
    expect(PORTAL_EVENT_KINDS).toContain('signoff.returned');
  });

  it('a status change or a claim gives a new version and feed position; a note does not', () => {
    const { store, post, ids } = portal();
    const id = ids[0]!;
    const head = store.headSeq;
    const note = post(id, 'note.added', { body: 'vu', noteId: 1, author: agent });
    expect(note.status).toBe(201);
    expect(note.body.application).toEqual({ id, version: 1, previousVersion: 1 });
    expect(store.headSeq).toBe(head);

    const claim = post(id, 'case.claimed', { by: agent }, 'claim-key-1');
    expect(claim.body.application).toEqual({ id, version: 2, previousVersion: 1 });
    expect(store.get(id)).toMatchObject({
      status: 'in_review',
      version: 2,
      appliedEvents: [{ idempotencyKey: 'claim-key-1', version: 2 }],
    });
    expect(store.headSeq).toBe(head + 1);
    expect(store.page(head, 10).items.map((record) => record.id)).toEqual([id]);
    // A claim of a case already in review changes the portal's assignment only: still a version.
    const again = post(id, 'case.claimed', { by: agent, takenOverFrom: agent });
    expect(again.body.application).toEqual({ id, version: 3, previousVersion: 2 });
    expect(store.get(id)!.status).toBe('in_review');
    expect(post(id, 'case.assigned', { assignee: null, by: agent }).body.application.version).toBe(
      4,
    );
    expect(post(id, 'case.released', { by: agent }).body.application.version).toBe(5);
    expect(Date.parse(store.get(id)!.updatedAt)).toBeGreaterThan(Date.parse(NOW));
    expect(portalApplication.safeParse(store.get(id)).success).toBe(true);
  });

  it('walks a case through sign-off, decision and certificate', () => {
    const { store, post, ids } = portal();
    const id = ids[1]!;
    expect(post(id, 'signoff.requested', { requestedBy: agent }).status).toBe(201);
    expect(store.get(id)!.status).toBe('pending_signoff');
    expect(
      post(id, 'signoff.returned', { comment: 'Pièce à revoir', returnedBy: agent }).status,
    ).toBe(201);
    expect(store.get(id)!.status).toBe('in_review');
    post(id, 'signoff.requested', { requestedBy: agent, comment: 'Conforme' });
    const approved = post(id, 'decision.approved', { decidedBy: agent, signedOffBy: agent });
    expect(approved.status).toBe(201);
    expect(store.get(id)!.status).toBe('approved');
    expect(post(id, 'certificate.issued', { number: 'CE-2025-000001' }).status).toBe(201);
    expect(store.get(id)!.status).toBe('issued');
    const revoked = post(id, 'certificate.revoked', { number: 'CE-2025-000001', reason: 'Erreur' });
    expect(revoked.status).toBe(201);
    expect(revoked.body.application.version).toBe(revoked.body.application.previousVersion);
    expect(store.get(id)!.appliedEvents!.map((event) => event.version)).toEqual([2, 3, 4, 5, 6]);
  });

  it('refuses transitions the case does not allow, with 409 and a French reason', () => {
    const { store, post, ids } = portal();
    const [a, b, c] = ids as [string, string, string];
    store.applyPortalChange(a, { status: 'withdrawn' });
    const refused = post(a, 'decision.approved', { decidedBy: agent });
    expect(refused).toMatchObject({ status: 409, body: { error: { code: 'case_closed' } } });
    expect(refused.body.error.message).toContain('retirée');

    post(b, 'decision.rejected', {
      reasonCodes: [
        procedures.find((p) => p.code === store.get(b)!.procedureCode)!.rejectReasons[0]!.code,
      ],
      comment: 'Incomplet',
      decidedBy: agent,
    });
    const closed = post(b, 'decision.approved', { decidedBy: agent });
    expect(closed).toMatchObject({ status: 409, body: { error: { code: 'case_closed' } } });
    expect(closed.body.error.message).toMatch(/close \(rejetée\)/);
    expect(post(b, 'certificate.issued', { number: 'X-1' }).status).toBe(409);

    const version = store.get(c)!.version;
    const early = post(c, 'signoff.returned', { comment: 'non', returnedBy: agent });
    expect(early).toMatchObject({ status: 409, body: { error: { code: 'invalid_transition' } } });
    expect(early.body.error.message).toMatch(/renvoi en instruction.*déposée/);
    expect(post(c, 'certificate.issued', { number: 'X-2' }).status).toBe(409);
    expect(store.get(c)!.version).toBe(version);
  });

  it('validates the payload essentials with 422 and French messages', () => {
    const { store, post, ids } = portal();
    const id = ids[2]!;
    const procedure = procedures.find((p) => p.code === store.get(id)!.procedureCode)!;
    const field = procedureFields(procedure)[0]!.id;
    const document = procedure.documents[0]!.code;
    const bad: [string, Record<string, unknown>, RegExp][] = [
      ['note.added', { body: '', author: agent }, /note/],
      ['case.claimed', { by: { id: 'x' } }, /by/],
      ['case.assigned', { by: agent }, /assignee/],
      [
        'info.requested',
        { message: '', missingDocuments: [], fieldsToCorrect: [], requestedBy: agent },
        /message/,
      ],
      [
        'info.requested',
        {
          message: 'x'.repeat(2001),
          missingDocuments: [],
          fieldsToCorrect: [],
          requestedBy: agent,
        },
        /2000/,
      ],
      [
        'info.requested',
        {
          message: 'Merci',
          missingDocuments: ['INCONNU'],
          fieldsToCorrect: [],
          requestedBy: agent,
        },
        /Pièce inconnue.*INCONNU/,
      ],
      [
        'info.requested',
        { message: 'Merci', missingDocuments: [], fieldsToCorrect: ['nope'], requestedBy: agent },
        /Champ inconnu/,
      ],
      [
        'info.requested',
        { message: 'Merci', missingDocuments: [document], fieldsToCorrect: [field] },
        /requestedBy/,
      ],
      ['decision.rejected', { reasonCodes: [], comment: 'x', decidedBy: agent }, /reasonCodes/],
      [
        'decision.rejected',
        { reasonCodes: [procedure.rejectReasons[0]!.code], comment: ' ', decidedBy: agent },
        /commentaire/,
      ],
      ['decision.approved', { comment: 3, decidedBy: agent }, /comment/],
      ['signoff.returned', { returnedBy: agent }, /renvoi/],
      ['certificate.issued', {}, /numéro/],
      ['certificate.revoked', { number: 'C-1' }, /motif/],
    ];
    for (const [kind, payload, message] of bad) {
      const reply = post(id, kind, payload);
      expect([kind, reply.status, reply.body.error.code]).toEqual([kind, 422, 'validation_failed']);
      expect(reply.body.error.message).toMatch(message);
    }
    expect(store.get(id)!.version).toBe(1);
    const ok = post(id, 'info.requested', {
      message: 'Merci de compléter',
      missingDocuments: [document],
      fieldsToCorrect: [field],
      requestedBy: agent,
    });
    expect(ok.status).toBe(201);
    expect(store.get(id)!.status).toBe('info_requested');
  });

  it('applies a retried key once and replays its first answer', () => {
    const { store, events, post, ids } = portal();
    const id = ids[0]!;
    const first = post(id, 'case.claimed', { by: agent }, 'same-key-123');
    const second = post(id, 'case.claimed', { by: agent }, 'same-key-123');
    expect(second.status).toBe(201);
    expect(second.headers?.['idempotent-replayed']).toBe('true');
    expect(second.body).toEqual(first.body);
    expect(store.get(id)!.version).toBe(2);
    expect(events.list(id)).toHaveLength(1);
    expect(events.list(id)[0]).toMatchObject({ previousVersion: 1, version: 2 });
  });

  it('keeps the latest 20 applied events on the record', () => {
    const { store, post, ids } = portal();
    const id = ids[0]!;
    for (let i = 0; i < 25; i++) post(id, 'case.assigned', { assignee: agent, by: agent });
    const applied = store.get(id)!.appliedEvents!;
    expect(applied).toHaveLength(20);
    expect(applied.at(-1)!.version).toBe(26);
    expect(applied[0]!.version).toBe(7);
    expect(portalApplication.safeParse(store.get(id)).success).toBe(true);
  });
});

describe("portal simulator: the applicant's reply", () => {
  it(
    'adds the requested documents and corrects the requested fields, for every procedure',
    {
      timeout: 20_000,
    },
    () => {
      const { store, events, ids } = portal(31, 160);
      const seen = new Set<string>();
      for (const id of ids) {
        const before = store.get(id)!;
        if (seen.has(before.procedureCode)) continue;
        seen.add(before.procedureCode);
        const procedure = procedures.find((p) => p.code === before.procedureCode)!;
        const fields = procedureFields(procedure).map((field) => field.id);
        const documents = procedure.documents.map((document) => document.code);
        const reply = events.submit(id, `req-${id}`, {
          kind: 'info.requested',
          occurredAt: NOW,
          payload: {
            message: 'Merci de compléter votre dossier.',
            missingDocuments: documents,
            fieldsToCorrect: fields,
            requestedBy: agent,
          },
        });
        expect(reply.status).toBe(201);
        const asked = store.get(id)!;
        const after = store.applyPortalChange(
          id,
          storeChangeFor(store, 'reply', asked, new Date(NOW)),
        );
        expect(after.status).toBe('in_review');
        expect(after.version).toBe(asked.version + 1);
        expect(portalApplication.safeParse(after).success).toBe(true);
        // One new file per requested code, with new ids, served like the others.
        const added = after.documents.slice(before.documents.length);
        expect(added.map((document) => document.code)).toEqual(documents);
        const allIds = after.documents.map((document) => document.id);
        expect(new Set(allIds).size).toBe(allIds.length);
        for (const document of added) {
          // A new file, not the one already attached for that code.
          const previous = before.documents.find((known) => known.code === document.code);
          if (previous) expect(document.sha256).not.toBe(previous.sha256);
          const served = store.document(document.id);
          expect(served?.body.sha256).toBe(document.sha256);
          expect(served?.body.size).toBe(document.size);
        }
        // Every requested field changed, and no correction broke the procedure's rules.
        const day = before.submittedAt.slice(0, 10);
        const errors = (form: typeof before.form) =>
          validateForm(procedure, form, day)
            .filter((issue) => issue.severity === 'error')
            .map((issue) => issue.fieldId);
        const changed = fields.filter(
          (field) => JSON.stringify(after.form[field]) !== JSON.stringify(before.form[field]),
        );
        expect([procedure.code, changed]).toEqual([procedure.code, fields]);
        for (const field of errors(after.form)) expect(errors(before.form)).toContain(field);
        expect(after.applicant).toEqual(before.applicant);
        // Answered: a second reply has nothing more to bring than today's corrected address.
        const second = store.applyPortalChange(
          id,
          storeChangeFor(store, 'reply', after, new Date(NOW)),
        );
        expect(second.documents).toHaveLength(after.documents.length);
        expect(second.applicant.address).toContain('(adresse corrigée)');
      }
      expect(seen.size).toBe(procedures.length);
    },
  );

  it('without a request, a reply corrects the address as before', () => {
    const { store, ids } = portal();
    const before = store.get(ids[0]!)!;
    const after = store.applyPortalChange(
      before.id,
      storeChangeFor(store, 'reply', before, new Date(NOW)),
    );
    expect(after.status).toBe('in_review');
    expect(after.applicant.address).toContain('(adresse corrigée)');
    expect(after.documents).toEqual(before.documents);
    expect(after.form).toEqual(before.form);
  });
});
