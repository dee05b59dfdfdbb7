// @vitest-environment jsdom
import i18next from 'i18next';
import { afterEach, describe, expect, it } from 'vitest';
import { ApiCallError } from '../../shared/api/client';
import { holderParams } from '../../shared/api/refusalWords';
import './dom';

const { errorMessage } = await import('../src/api/errorMessage');
const { describeOutcome } = await import('../src/assignment/outcomeToast');

/** A refusal as the core sends it: the French message, the key and parameters. */
const refused = (key: string, params: Record<string, string | number>, message: string) =>
  new ApiCallError({ code: 'workflow_refused', message, reason: { key, params } } as never);

afterEach(async () => {
  await i18next.changeLanguage('fr');
});

describe('the core’s refusals in the interface’s language (issue 19)', () => {
  it('says a colleague’s claim with its lease, in French then in English', async () => {
    const error = refused(
      'heldByOther',
      holderParams({
        name: 'Kossi Agbodjan',
        lease: {
          expiresAt: '2026-03-14T09:15:00.000Z',
          portalNow: '2026-03-13T16:10:00.000Z',
          kind: 'claim',
        },
      }),
      "Ce dossier est déjà pris en charge par Kossi Agbodjan jusqu'au 14/03 à 09:15.",
    );
    expect(errorMessage(error, '?')).toBe(
      "Ce dossier est déjà pris en charge par Kossi Agbodjan jusqu'au 14/03 à 09:15.",
    );
    await i18next.changeLanguage('en');
    expect(errorMessage(error, '?')).toBe(
      'This case is already claimed by Kossi Agbodjan until 14/03 at 09:15.',
    );
  });

  it('says a wrong status with the status and the action as English words', async () => {
    await i18next.changeLanguage('en');
    const error = refused(
      'wrongStatus',
      { deVerb: 'requestInfo', status: 'info_requested' },
      'Impossible de demander un complément : le dossier est en attente du demandeur.',
    );
    expect(errorMessage(error, '?')).toBe(
      'Cannot request more information: the case is awaiting the applicant.',
    );
  });

  it('keeps the core’s French for a key this renderer does not know', async () => {
    await i18next.changeLanguage('en');
    expect(errorMessage(refused('notAKeyYet', {}, 'Refus du cœur.'), '?')).toBe('Refus du cœur.');
  });

  it('says why an assignment skipped a case, in English', async () => {
    await i18next.changeLanguage('en');
    const text = describeOutcome(
      {
        assigned: 0,
        skipped: [
          {
            caseId: 'c1',
            reference: 'COM-CO-2026-000018',
            reason: 'Dossier clos (approuvé) : il ne peut plus être affecté.',
            refusal: { key: 'assignClosed', params: { status: 'approved' } },
          },
        ],
      },
      i18next.t,
      'en',
    );
    expect(text).toContain(
      'COM-CO-2026-000018\u00a0: Case closed (approved): it can no longer be assigned.',
    );
  });
});
