import { Box, Skeleton, Stack, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { keepPreviousData } from '@tanstack/react-query';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../shared/api/contract';
import { useApiQuery } from '../api/queries';
import { PdfViewer } from '../case/documents/PdfViewer';
import { RetryableError } from '../shell/RetryableError';

export type PreviewDecision = MethodInput<'letters.preview'>['decision'];

/** Typing pauses this long before the letter is drawn again. */
export const PREVIEW_PAUSE_MS = 450;

/**
 * The letter the decision would send, drawn by the core from what the clerk has chosen and typed
 * (`letters.preview`: not numbered, not signed, marked « APERÇU »), in the attachments' pdf.js
 * viewer. Redrawn once typing pauses; the previous drawing stays while the next one comes.
 * `decision` null: the decision is not complete yet (no reason chosen, nothing asked).
 */
export function LetterPreviewPane({
  caseId,
  decision,
  height = 560,
}: {
  caseId: string;
  decision: PreviewDecision | null;
  height?: number;
}) {
  const { t } = useTranslation();
  const [settled] = useDebouncedValue(decision, PREVIEW_PAUSE_MS);
  const preview = useApiQuery(
    'letters.preview',
    { caseId, decision: settled ?? { kind: 'approval', comment: null } },
    { enabled: settled !== null, placeholderData: keepPreviousData, staleTime: Infinity },
  );
  const content = useMemo(
    () =>
      preview.data
        ? {
            id: `letter-preview:${JSON.stringify(settled)}`,
            fileName: 'apercu.pdf',
            mimeType: 'application/pdf' as const,
            base64: preview.data.base64,
          }
        : null,
    [preview.data, settled],
  );
  // A decision that sends no letter (an approval without cover letter): nothing to show.
  if (settled !== null && preview.isSuccess && preview.data === null) return null;

  let body: React.ReactNode;
  if (decision === null) {
    body = (
      <Text size="sm" c="dimmed" p="md">
        {t('letters.preview.waiting')}
      </Text>
    );
  } else if (preview.isError && !content) {
    body = (
      <RetryableError
        title={t('letters.preview.failed')}
        error={preview.error}
        onRetry={() => void preview.refetch()}
      />
    );
  } else if (content) {
    body = <PdfViewer content={content} label={t('letters.preview.label')} />;
  } else {
    body = (
      <Skeleton h="100%" radius={0} role="progressbar" aria-label={t('letters.preview.loading')} />
    );
  }
  return (
    <Stack gap={6} data-testid="letter-preview">
      <Text size="sm" fw={600}>
        {t('letters.preview.title')}
      </Text>
      <Text size="xs" c="dimmed">
        {t('letters.preview.hint')}
      </Text>
      <Box
        h={height}
        aria-busy={preview.isFetching || undefined}
        style={{
          display: 'flex',
          flexDirection: 'column',
          border: '1px solid var(--mantine-color-default-border)',
          borderRadius: 'var(--mantine-radius-sm)',
          overflow: 'hidden',
        }}
      >
        {body}
      </Box>
    </Stack>
  );
}
