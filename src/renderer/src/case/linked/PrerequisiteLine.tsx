import { Anchor, Text } from '@mantine/core';
import {
  IconCircleCheck,
  IconCircleDashed,
  IconCircleX,
  IconClockExclamation,
  IconHelpCircle,
} from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { PrerequisiteCheck, PrerequisiteState } from '../../../../shared/api/linkedTypes';
import { formatDate } from '../../format/dates';
import { hrefOf } from '../../routing/route';
import { useLanguage } from '../../shell/useLanguage';

/** Dark shades of green, orange, red and gray: readable as small text on white (WCAG AA). */
const TONE: Record<PrerequisiteState, string> = {
  valid: '#1e6b2e',
  expired: '#a84300',
  revoked: '#b3261e',
  unknown: '#b3261e',
  not_given: '#495057',
};

const ICON = {
  valid: IconCircleCheck,
  expired: IconClockExclamation,
  revoked: IconCircleX,
  unknown: IconHelpCircle,
  not_given: IconCircleDashed,
} as const;

/**
 * One prerequisite's state, in one line beside the checklist item it supports: « Carte
 * d'importateur CIE-… : valide jusqu'au 31/12/2026 (Ets X) », with the case it was issued for.
 */
export function PrerequisiteLine({ check }: { check: PrerequisiteCheck }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const certificate = check.certificate;
  const values = {
    label: check.label[language],
    number: certificate?.number ?? check.cited ?? '',
    holder: certificate?.holderName ?? '',
    date: '',
  };
  let text: string;
  if (check.state === 'valid' && certificate) {
    text = certificate.expiresOn
      ? t('linked.prerequisite.valid', {
          ...values,
          date: formatDate(certificate.expiresOn, language),
        })
      : t('linked.prerequisite.validNoEnd', values);
  } else if (check.state === 'expired' && certificate) {
    text = t('linked.prerequisite.expired', {
      ...values,
      date: formatDate(certificate.expiresOn ?? '', language),
    });
  } else if (check.state === 'revoked' && certificate) {
    text = t('linked.prerequisite.revoked', {
      ...values,
      date: formatDate(certificate.revokedAt ?? '', language),
    });
  } else if (check.state === 'not_given') {
    text = t('linked.prerequisite.not_given', values);
  } else {
    text = t('linked.prerequisite.unknown', values);
  }
  const Icon = ICON[check.state];
  return (
    <Text
      size="xs"
      fw={500}
      style={{ color: TONE[check.state], display: 'flex', gap: 4, alignItems: 'flex-start' }}
      data-testid={`prerequisite-${check.checklistItem}`}
      data-state={check.state}
    >
      <Icon size={14} aria-hidden style={{ flex: 'none', marginTop: 1 }} />
      <span>
        {text}
        {certificate?.applicationId && certificate.reference && (
          <>
            {' · '}
            <Anchor
              size="xs"
              href={hrefOf({ view: 'case', id: certificate.applicationId })}
              data-testid={`prerequisite-case-${check.checklistItem}`}
            >
              {t('linked.prerequisite.issuedFor', { reference: certificate.reference })}
            </Anchor>
          </>
        )}
      </span>
    </Text>
  );
}
