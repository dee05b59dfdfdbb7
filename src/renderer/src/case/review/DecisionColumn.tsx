import { Paper, Stack, Text, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/api/types';
import { useSessionStore } from '../../stores/sessionStore';
import { CaseActionBar } from './CaseActionBar';
import { ChecklistPanel } from './ChecklistPanel';

/**
 * The decisions and the checklist together, beside the case and its documents (issue 19): the
 * clerk ticks what they checked and decides without scrolling from one to the other.
 */
export function DecisionColumn({ detail, backQueue }: { detail: CaseDetail; backQueue: string }) {
  const { t } = useTranslation();
  const userId = useSessionStore((state) => state.user?.id);
  const heldByMe = userId !== undefined && detail.review.workflow.claim?.holder.id === userId;
  return (
    <Stack gap="xs" p="xs">
      <CaseActionBar detail={detail} backQueue={backQueue} />
      <Paper withBorder p="xs" radius="md" component="section" aria-labelledby="checklist-title">
        <Title order={3} size="h6" mb={6} id="checklist-title">
          {t('review.checklist')}
        </Title>
        <ChecklistPanel detail={detail} />
      </Paper>
      {heldByMe && (
        <Text size="xs" c="dimmed" px={4}>
          {t('review.shortcutsHint')}
        </Text>
      )}
    </Stack>
  );
}
