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
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { VerificationResult } from '../../../shared/api/certificateTypes';
import { api } from '../api/api';
import { errorMessage } from '../api/errorMessage';
import classes from './Certificates.module.css';
import { readFileBase64 } from './certificateFiles';
import { VerdictCard } from './VerdictCard';

/** Bigger files cannot be a Bureau certificate (a few hundred KB); refused before reading. */
const MAX_PDF_BYTES = 15 * 1024 * 1024;

type Outcome = { result: VerificationResult; source: string } | { failure: string } | null;

/**
 * « Vérifier un certificat »: paste the text a QR reader gives, or open the PDF (its QR code is
 * read by the core). The check needs no network: only the offices' public keys.
 */
export function VerifyView() {
  const { t } = useTranslation();
  const [qrText, setQrText] = useState('');
  const [file, setFile] = useState<File | null>(null);
  const [busy, setBusy] = useState(false);
  const [outcome, setOutcome] = useState<Outcome>(null);
  const request = useRef(0);

  const run = async (input: { qrText: string } | { pdfBase64: string }, source: string) => {
    const mine = ++request.current;
    setBusy(true);
    try {
      const result = await api.call('certificates.verify', input);
      if (mine === request.current) setOutcome({ result, source });
    } catch (error) {
      if (mine === request.current) {
        setOutcome({ failure: errorMessage(error, t('app.unexpectedError')) });
      }
    } finally {
      if (mine === request.current) setBusy(false);
    }
  };

  const verifyText = () => {
    const text = qrText.trim();
    if (!text || busy) return;
    setFile(null);
    void run({ qrText: text }, t('certificates.verify.fromText'));
  };

  const verifyFile = async (chosen: File | null) => {
    setFile(chosen);
    if (!chosen) return;
    if (chosen.size > MAX_PDF_BYTES) {
      setOutcome({ failure: t('certificates.verify.tooLarge') });
      return;
    }
    let pdfBase64: string;
    try {
      pdfBase64 = await readFileBase64(chosen);
    } catch {
      setOutcome({ failure: t('certificates.verify.readFailed') });
      return;
    }
    void run({ pdfBase64 }, t('certificates.verify.fromFile', { name: chosen.name }));
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
                  leftSection={<IconFileTypePdf size={18} />}
                  loading={busy && file !== null}
                  data-testid="verify-file"
                />
              </Stack>
            </form>
          </Paper>

          <div aria-live="polite">
            {outcome && 'failure' in outcome && (
              <Alert color="red" variant="light" role="alert" data-testid="verify-error">
                <Text size="sm">{outcome.failure}</Text>
              </Alert>
            )}
            {outcome && 'result' in outcome && (
              <VerdictCard result={outcome.result} source={outcome.source} />
            )}
          </div>
        </Stack>
      </div>
    </div>
  );
}
