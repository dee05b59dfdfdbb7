import { notifications } from '@mantine/notifications';
import type { TFunction } from 'i18next';
import type { AssignmentOutcome } from '../../../shared/api/assignmentTypes';
import { formatNumber } from '../format/numbers';
import type { Language } from '../i18n/language';
import { invalidateCaseLists } from '../api/liveInvalidation';
import { refusalText } from '../api/errorMessage';

/** Skipped cases the toast names; the rest are counted. */
const SHOWN_REASONS = 4;

/** The result of an assignment for the user: counts, and why each refused case was refused. */
export function describeOutcome(
  outcome: AssignmentOutcome,
  t: TFunction,
  language: Language,
): string {
  const n = (value: number) => formatNumber(value, language);
  const lines: string[] = [
    t('assignment.result.assigned', { count: outcome.assigned, formatted: n(outcome.assigned) }),
  ];
  if (outcome.skipped.length > 0) {
    lines[0] += ` · ${t('assignment.result.skipped', {
      count: outcome.skipped.length,
      formatted: n(outcome.skipped.length),
    })}`;
    for (const skip of outcome.skipped.slice(0, SHOWN_REASONS)) {
      lines.push(
        `${skip.reference ?? skip.caseId}\u00a0: ${refusalText(skip.refusal, skip.reason)}`,
      );
    }
    const more = outcome.skipped.length - SHOWN_REASONS;
    if (more > 0)
      lines.push(t('assignment.result.moreSkipped', { count: more, formatted: n(more) }));
  }
  return lines.join('\n');
}

export function showOutcome(outcome: AssignmentOutcome, t: TFunction, language: Language): void {
  notifications.show({
    color: outcome.skipped.length > 0 ? 'orange' : 'togo',
    title: t('assignment.result.title'),
    message: describeOutcome(outcome, t, language),
    autoClose: outcome.skipped.length > 0 ? 12_000 : 6_000,
    styles: { description: { whiteSpace: 'pre-line' } },
  });
  // The list and the counts follow at once, without waiting for the cases.changed event.
  invalidateCaseLists();
}
