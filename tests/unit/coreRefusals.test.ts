import { describe, expect, it } from 'vitest';
import { frenchRefusal, REFUSALS_FR, type RefusalKey } from '../../src/shared/api/refusals';
import {
  localizeRefusalParams,
  REFUSAL_VERBS,
  REFUSAL_WORDS_FR,
} from '../../src/shared/api/refusalWords';
import { CASE_STATUSES } from '../../src/shared/domain/caseStatus';
import { checkAction, type WorkflowContext } from '../../src/shared/domain/caseWorkflow';
import { refusalsEn, refusalWordsEn } from '../../src/renderer/src/forms/refusalMessages';

/** Says a refusal as the renderer does, with a catalog and its words. */
function say(
  catalog: Record<RefusalKey, string>,
  language: 'fr' | 'en',
  reason: { key: RefusalKey; params: Record<string, string | number> },
): string {
  const words = language === 'en' ? refusalWordsEn : REFUSAL_WORDS_FR;
  const params = localizeRefusalParams(reason.params, words, language);
  return catalog[reason.key].replace(/\{\{(\w+)\}\}/g, (_, name: string) =>
    String(params[name] ?? ''),
  );
}

const context: WorkflowContext = {
  status: 'in_review',
  role: 'agent',
  userId: 'u-me',
  claimedBy: 'u-other',
  signOffRequired: false,
  signOffRequestedBy: null,
  inConflict: false,
  checklistRemaining: 0,
  sameOffice: true,
};

function refusalOf(check: ReturnType<typeof checkAction>) {
  if (check.allowed) throw new Error('allowed');
  return check;
}

describe('the refusals of cases, sessions and sync as a key and parameters (issue 19)', () => {
  it('keeps the French users read today, word for word', () => {
    expect(frenchRefusal('wrongStatus', { deVerb: 'approve', status: 'pending_signoff' })).toBe(
      'Impossible d’approuver : le dossier est en attente de validation.',
    );
    expect(frenchRefusal('wrongStatus', { deVerb: 'claim', status: 'approved' })).toBe(
      'Impossible de prendre en charge : le dossier est approuvé.',
    );
    expect(frenchRefusal('heldByOther', { holder: '' })).toBe(
      'Ce dossier est déjà pris en charge par un autre agent.',
    );
    expect(frenchRefusal('wrongPassword', { attempts: 5, minutes: 15 })).toBe(
      'Mot de passe incorrect. Vérifiez la touche Verr. Maj ; après 5 échecs de suite, le compte est bloqué 15 minutes.',
    );
    expect(
      frenchRefusal('lockedOut', { attempts: 5, untilTime: '2026-11-09T14:32:00.000Z' }),
    ).toContain('Réessayez après 14:32, ou');
  });

  it('names the holder of a lease and its end, in each language', () => {
    const leased = refusalOf(
      checkAction(
        {
          ...context,
          holder: {
            name: 'Kossi Agbodjan',
            lease: {
              expiresAt: '2026-03-13T16:40:00.000Z',
              portalNow: '2026-03-13T16:10:00.000Z',
              kind: 'claim',
            },
          },
        },
        'claim',
      ),
    );
    expect(leased.reason).toBe(
      "Ce dossier est déjà pris en charge par Kossi Agbodjan jusqu'à 16:40.",
    );
    expect(say(REFUSALS_FR, 'fr', leased.refusal)).toBe(leased.reason);
    expect(say(refusalsEn, 'en', leased.refusal)).toBe(
      'This case is already claimed by Kossi Agbodjan until 16:40.',
    );
  });

  it('says the four-eyes rule and a wrong status in English, statuses and verbs as words', () => {
    const fourEyes = refusalOf(
      checkAction(
        { ...context, role: 'superviseur', status: 'pending_signoff', signOffRequestedBy: 'u-me' },
        'signOffApprove',
      ),
    );
    expect(fourEyes.refusal.key).toBe('fourEyes');
    expect(say(refusalsEn, 'en', fourEyes.refusal)).toMatch(/^Four-eyes rule: you proposed/);
    const closed = refusalOf(checkAction({ ...context, status: 'approved' }, 'reject'));
    expect(say(REFUSALS_FR, 'fr', closed.refusal)).toBe(closed.reason);
    expect(say(refusalsEn, 'en', closed.refusal)).toBe('Cannot reject: the case is approved.');
    expect(
      say(refusalsEn, 'en', {
        key: 'lockedOut',
        params: { attempts: 5, untilTime: '2026-11-09T14:32:00.000Z' },
      }),
    ).toBe(
      'Account locked after 5 failed attempts. Try again after 14:32, or ask your administrator to reset your password.',
    );
  });

  it('has a word for every status and action, in French and in English', () => {
    for (const words of [REFUSAL_WORDS_FR, refusalWordsEn]) {
      for (const status of CASE_STATUSES) expect(words.status[status], status).toBeTruthy();
      for (const verb of REFUSAL_VERBS) {
        expect(words.verb[verb], verb).toBeTruthy();
        expect(words.deVerb[verb], verb).toBeTruthy();
      }
    }
  });

  it('every French sentence comes from the state machine’s own refusal (no free text)', () => {
    for (const status of CASE_STATUSES) {
      for (const action of ['claim', 'approve', 'signOffApprove', 'withdrawProposal'] as const) {
        const check = checkAction({ ...context, status, role: 'superviseur' }, action);
        if (!check.allowed) {
          expect(frenchRefusal(check.refusal.key, check.refusal.params as never)).toBe(
            check.reason,
          );
        }
      }
    }
  });
});
