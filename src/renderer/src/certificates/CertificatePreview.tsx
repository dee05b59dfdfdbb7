import { Box, Skeleton } from '@mantine/core';
import { useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateFile } from '../../../shared/api/certificateTypes';
import { PdfViewer } from '../case/documents/PdfViewer';
import { RetryableError } from '../shell/RetryableError';
import { certificateContent } from './certificateFiles';

/** The certificate as it prints, in the attachments' pdf.js viewer (pages, zoom, rotation). */
export function CertificatePreview({
  file,
  loading,
  error,
  onRetry,
  label,
  height = 640,
}: {
  file: CertificateFile | null;
  loading: boolean;
  error: unknown;
  onRetry: () => void;
  label: string;
  height?: number;
}) {
  const { t } = useTranslation();
  const content = useMemo(() => (file ? certificateContent(file) : null), [file]);
  if (error) {
    return <RetryableError title={t('certificates.fileError')} error={error} onRetry={onRetry} />;
  }
  return (
    <Box
      h={height}
      data-testid="certificate-preview"
      style={{
        display: 'flex',
        flexDirection: 'column',
        border: '1px solid var(--mantine-color-default-border)',
        borderRadius: 'var(--mantine-radius-sm)',
        overflow: 'hidden',
      }}
    >
      {content && !loading ? (
        <PdfViewer content={content} label={label} />
      ) : (
        <Skeleton
          h="100%"
          radius={0}
          role="progressbar"
          aria-label={t('certificates.loadingFile')}
        />
      )}
    </Box>
  );
}
