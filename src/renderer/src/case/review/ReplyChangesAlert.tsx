import { Alert, Text } from '@mantine/core';
import { IconMessageReply } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ReplyChanges } from '../../../../shared/api/caseTypes';
import { formatDateTime } from '../../format/dates';
import { useLanguage } from '../../shell/useLanguage';

/** The applicant answered a request: say what changed; the form and documents highlight it. */
export function ReplyChangesAlert({ changes }: { changes: ReplyChanges }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const parts = [
    changes.fields.length > 0 && t('review.replyFields', { count: changes.fields.length }),
    changes.applicantFields.length > 0 &&
      t('review.replyApplicant', { count: changes.applicantFields.length }),
    changes.documentIds.length > 0 &&
      t('review.replyDocuments', { count: changes.documentIds.length }),
  ].filter(Boolean);
  return (
    <Alert
      color="yellow"
      variant="light"
      icon={<IconMessageReply />}
      title={t('review.replyTitle', { date: formatDateTime(changes.at, language) })}
      data-testid="reply-changes"
    >
      <Text size="sm">{parts.length > 0 ? parts.join(' · ') : t('review.replyNothing')}</Text>
      {parts.length > 0 && (
        <Text size="xs" c="dimmed">
          {t('review.replyHint')}
        </Text>
      )}
    </Alert>
  );
}
