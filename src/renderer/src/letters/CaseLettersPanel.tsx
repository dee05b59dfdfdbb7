import { Box, Button, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { IconDownload, IconEye, IconEyeOff, IconMail } from '@tabler/icons-react';
import { useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateFile } from '../../../shared/api/certificateTypes';
import type { LetterFile, LetterSummary } from '../../../shared/api/letterTypes';
import { useApiQuery } from '../api/queries';
import { CASE_AHEAD } from '../case/caseAhead';
import { PdfViewer } from '../case/documents/PdfViewer';
import { savePdf } from '../certificates/certificateFiles';
import { PrintButton } from '../certificates/PrintButton';
import { usePrint } from '../certificates/usePrint';
import { formatDateTime } from '../format/dates';
import { RetryableError } from '../shell/RetryableError';
import { useLanguage } from '../shell/useLanguage';

/** The certificates' print and save take a certificate file: a letter is one, never a duplicate. */
const asPrintable = (file: LetterFile): CertificateFile => ({
  certificateId: file.letterId,
  fileName: file.fileName,
  base64: file.base64,
  duplicate: false,
});

/**
 * « Courriers »: the letters a case's decisions produced (rejection, request for documents,
 * approval cover letter), each openable, printable and savable as the stored original — the core
 * checks its SHA-256 before answering. Shown once the case has at least one.
 */
export function CaseLettersPanel({ caseId }: { caseId: string }) {
  const { t } = useTranslation();
  // As fresh as the case, with which it is asked for ahead; a `cases.changed` event refetches it.
  const list = useApiQuery('letters.forCase', { caseId }, { staleTime: CASE_AHEAD.freshForMs });
  if (list.isError && !list.data) {
    return (
      <RetryableError
        title={t('letters.loadFailed')}
        error={list.error}
        onRetry={() => void list.refetch()}
      />
    );
  }
  if (!list.data || list.data.length === 0) return null;
  return (
    <Paper withBorder p="md" radius="md" data-testid="case-letters">
      <Group gap="xs" mb={4}>
        <IconMail size={20} stroke={1.6} />
        <Title order={3} size="h5">
          {t('letters.title')}
        </Title>
      </Group>
      <Text size="xs" c="dimmed" mb="sm">
        {t('letters.intro')}
      </Text>
      <Stack gap="sm">
        {list.data.map((letter) => (
          <LetterLine key={letter.id} letter={letter} />
        ))}
      </Stack>
    </Paper>
  );
}

function LetterLine({ letter }: { letter: LetterSummary }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [open, setOpen] = useState(false);
  const [wanted, setWanted] = useState(false);
  const file = useApiQuery(
    'letters.file',
    { id: letter.id },
    { enabled: open || wanted, staleTime: Infinity },
  );
  const { print, printing } = usePrint();
  const title = t('letters.documentTitle', { number: letter.number });
  const content = useMemo(
    () =>
      file.data
        ? {
            id: `letter:${letter.id}`,
            fileName: file.data.fileName,
            mimeType: 'application/pdf',
            base64: file.data.base64,
          }
        : null,
    [file.data, letter.id],
  );
  const withFile = (then: (loaded: LetterFile) => void) => {
    if (file.data) {
      then(file.data);
      return;
    }
    setWanted(true);
    void file.refetch().then((result) => result.data && then(result.data));
  };
  return (
    <Stack gap={6} data-testid={`letter-${letter.number}`}>
      <Group justify="space-between" wrap="wrap" gap="xs">
        <Stack gap={0}>
          <Text size="sm" fw={600}>
            {t(`letters.kind.${letter.kind}`)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('letters.line', {
              number: letter.number,
              date: formatDateTime(letter.issuedAt, language),
              name: letter.issuedBy.displayName,
            })}
          </Text>
        </Stack>
        <Group gap="xs">
          <Button
            size="xs"
            variant="light"
            leftSection={open ? <IconEyeOff size={14} /> : <IconEye size={14} />}
            onClick={() => setOpen((value) => !value)}
            aria-expanded={open}
            data-testid="letter-open"
          >
            {open ? t('letters.close') : t('letters.open')}
          </Button>
          <PrintButton
            size="xs"
            variant="light"
            printing={printing}
            onPrint={() => withFile((loaded) => void print(asPrintable(loaded), title))}
            testId="letter-print"
          >
            {t('letters.print')}
          </PrintButton>
          <Button
            size="xs"
            variant="light"
            leftSection={<IconDownload size={14} />}
            onClick={() => withFile((loaded) => savePdf(asPrintable(loaded), letter.number))}
            data-testid="letter-save"
          >
            {t('letters.save')}
          </Button>
        </Group>
      </Group>
      {open && (
        <Box
          h={620}
          style={{
            display: 'flex',
            flexDirection: 'column',
            border: '1px solid var(--mantine-color-default-border)',
            borderRadius: 'var(--mantine-radius-sm)',
            overflow: 'hidden',
          }}
        >
          {file.isError && !content ? (
            <RetryableError
              title={t('letters.fileError')}
              error={file.error}
              onRetry={() => void file.refetch()}
            />
          ) : content ? (
            <PdfViewer content={content} label={title} />
          ) : (
            <Skeleton h="100%" radius={0} role="progressbar" aria-label={t('letters.loading')} />
          )}
        </Box>
      )}
    </Stack>
  );
}
