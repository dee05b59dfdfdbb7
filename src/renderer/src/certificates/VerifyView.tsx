import {
  Alert,
  Button,
  Divider,
  FileInput,
  Group,
  Kbd,
  Paper,
  Stack,
  Text,
  Textarea,
  Title,
} from '@mantine/core';
import { IconFileTypePdf, IconQrcode, IconShieldSearch } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../shared/api/contract';
import { VERIFY_PDF_MAX_BYTES } from '../../../shared/api/contract/certificates';
import { errorMessage } from '../api/errorMessage';
import { useApiMutation } from '../api/queries';
import classes from './Certificates.module.css';
import { readFileBase64 } from './certificateFiles';
import { VerdictCard } from './VerdictCard';

/** Bigger files cannot be a Bureau certificate (a few hundred KB); refused before reading. */
/** The contract's limit, so both hosts take what this screen takes. */
const MAX_PDF_BYTES = VERIFY_PDF_MAX_BYTES;

/**
 * « Vérifier un certificat »: paste the text a QR reader gives, or open the PDF (its QR code is
 * read by the core). The check needs no network: only the offices' public keys.
 */
export function VerifyView() {
  const { t } = useTranslation();
  const [qrText, setQrText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  // Only the latest check drives what is shown: an earlier one answering late is ignored.
  const verification = useApiMutation('certificates.verify');
  const [source, setSource] = useState('');
  /** A file refused before asking the core (too large, unreadable). */
  const [refused, setRefused] = useState<string | null>(null);
  const busy = verification.isPending;
  const failure =
    refused ??
    (verification.isError ? errorMessage(verification.error, t('app.unexpectedError')) : null);
  const result = refused === null ? (verification.data ?? null) : null;

  const run = (input: MethodInput<'certificates.verify'>, from: string) => {
    setRefused(null);
    setSource(from);
    verification.mutate(input);
  };
  const refuse = (message: string) => {
    verification.reset();
    setRefused(message);
  };

  const verifyText = () => {
    const text = qrText.trim();
    if (!text || busy) return;
    setFile(null);
    run({ qrText: text }, t('certificates.verify.fromText'));
  };

  const verifyFile = async (chosen: File | null) => {
    setFile(chosen);
    if (!chosen) return;
    if (chosen.size > MAX_PDF_BYTES) {
      refuse(t('certificates.verify.tooLarge'));
      return;
    }
    let pdfBase64: string;
    try {
      pdfBase64 = await readFileBase64(chosen);
    } catch {
      refuse(t('certificates.verify.readFailed'));
      return;
    }
    run({ pdfBase64 }, t('certificates.verify.fromFile', { name: chosen.name }));
  };

  return (
    <div className={classes.screen} data-testid="verify-view">
      <div className={classes.scroll}>
        <Stack gap="lg" p="md" maw={920} mx="auto">
          <div>
            <Group gap="xs">
              <IconShieldSearch size={26} stroke={1.6} />
              <Title order={2} size="h3" fw={650}>
                {t('certificates.verify.title')}
              </Title>
            </Group>
            <Text size="sm" c="dimmed" mt={4}>
              {t('certificates.verify.intro')}
            </Text>
          </div>

          <Paper withBorder p="md" radius="md">
            <form
              onSubmit={(event) => {
                event.preventDefault();
                verifyText();
              }}
            >
              <Stack gap="md">
                <Textarea
                  label={t('certificates.verify.qrLabel')}
                  description={t('certificates.verify.qrHint')}
                  placeholder={t('certificates.verify.qrPlaceholder')}
                  value={qrText}
                  onChange={(event) => setQrText(event.currentTarget.value)}
                  onKeyDown={(event) => {
                    // Ctrl+Entrée checks without leaving the keyboard; Entrée alone is a new line.
                    if (event.key === 'Enter' && (event.ctrlKey || event.metaKey)) {
                      event.preventDefault();
                      verifyText();
                    }
                  }}
                  autosize
                  minRows={3}
                  maxRows={8}
                  maxLength={4000}
                  leftSection={<IconQrcode size={18} />}
                  leftSectionProps={{ style: { alignItems: 'flex-start', paddingTop: 8 } }}
                  styles={{ input: { fontFamily: 'var(--mantine-font-family-monospace)' } }}
                  data-testid="verify-text"
                />
                <Group justify="space-between" gap="sm">
                  <Text size="xs" c="dimmed">
                    <Kbd size="xs">Ctrl</Kbd> +{' '}
                    <Kbd size="xs">{t('certificates.verify.enterKey')}</Kbd>{' '}
                    {t('certificates.verify.shortcut')}
                  </Text>
                  <Button
                    type="submit"
                    leftSection={<IconShieldSearch size={16} />}
                    disabled={qrText.trim() === ''}
                    loading={busy && file === null}
                    data-testid="verify-submit"
                  >
                    {t('certificates.verify.submit')}
                  </Button>
                </Group>
                <Divider label={t('certificates.verify.or')} labelPosition="center" />
                <FileInput
                  label={t('certificates.verify.fileLabel')}
                  description={t('certificates.verify.fileHint')}
                  placeholder={t('certificates.verify.filePlaceholder')}
                  accept="application/pdf,.pdf"
                  value={file}
                  onChange={(chosen) => void verifyFile(chosen)}
                  clearable
                  clearButtonProps={{ 'aria-label': t('layout.clearFile') }}
                  leftSection={<IconFileTypePdf size={18} />}
                  loading={busy && file !== null}
                  data-testid="verify-file"
                />
              </Stack>
            </form>
          </Paper>

          <div aria-live="polite">
            {failure !== null && (
              <Alert color="red" variant="light" role="alert" data-testid="verify-error">
                <Text size="sm">{failure}</Text>
              </Alert>
            )}
            {result && <VerdictCard result={result} source={source} />}
          </div>
        </Stack>
      </div>
    </div>
  );
}
