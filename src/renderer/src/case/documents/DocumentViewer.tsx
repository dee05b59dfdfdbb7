import { Center, Loader, Skeleton, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { DocumentStatus } from '../../../../shared/api/syncTypes';
import type { PortalDocument } from '../../../../shared/portal/portalApplication';
import { RetryableError } from '../../shell/RetryableError';
import classes from './DocumentsPanel.module.css';
import { ImageViewer } from './ImageViewer';
import { PdfViewer } from './PdfViewer';
import { useDocumentContent } from './useDocumentContent';
import { ViewerMessage } from './ViewerMessage';

/** The selected attachment: its download state in words, a skeleton, then the PDF or image. */
export function DocumentViewer(props: {
  attachment: PortalDocument;
  status: DocumentStatus | undefined;
  label: string;
}) {
  const { t } = useTranslation();
  const { state, retry } = useDocumentContent(props.attachment, props.status);

  switch (state.kind) {
    case 'downloading':
      return (
        <ViewerMessage
          tone="waiting"
          title={t('documents.downloadingTitle')}
          testId="viewer-downloading"
        >
          <Loader size="sm" type="dots" />
          <Text size="sm" c="dimmed">
            {t('documents.downloadingBody')}
          </Text>
          {state.lastError && (
            <Text size="xs" c="dimmed">
              {t('documents.lastAttempt', { reason: state.lastError })}
            </Text>
          )}
        </ViewerMessage>
      );
    case 'failed':
      return (
        <ViewerMessage tone="error" title={t('documents.failedTitle')} testId="viewer-failed">
          <Text size="sm">
            {t('documents.failedBody', {
              reason: state.reason ?? t('documents.unknownReason'),
            })}
          </Text>
        </ViewerMessage>
      );
    case 'error':
      return (
        <Center className={classes.message}>
          <RetryableError
            title={t('documents.loadError')}
            error={state.error}
            onRetry={retry}
            testId="viewer-error"
          />
        </Center>
      );
    case 'loading':
      return (
        <Stack
          className={classes.message}
          gap="sm"
          aria-busy="true"
          role="progressbar"
          aria-label={t('documents.loading')}
        >
          <Skeleton height={28} width="60%" />
          <Skeleton height={420} />
        </Stack>
      );
    case 'ready': {
      const { content } = state;
      if (content.mimeType === 'application/pdf') {
        return <PdfViewer content={content} label={props.label} />;
      }
      if (content.mimeType === 'image/jpeg' || content.mimeType === 'image/png') {
        return <ImageViewer content={content} label={props.label} />;
      }
      return <ViewerMessage tone="empty" title={t('documents.unsupported')} />;
    }
  }
}
