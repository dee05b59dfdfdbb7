import { Alert, Button, Group, Modal, Stack, Text } from '@mantine/core';
import { IconDownload, IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateFile, CertificateSummary } from '../../../shared/api/certificateTypes';
import { api } from '../api/api';
import { errorMessage } from '../api/errorMessage';
import { savePdf } from './certificateFiles';
import { CertificatePreview } from './CertificatePreview';
import { PrintButton } from './PrintButton';
import { usePrint } from './usePrint';

/**
 * A duplicate: produced once on confirmation (the core records each one and counts it), then
 * shown, printed or saved as often as needed without producing another.
 */
export function ReprintDialog({
  certificate,
  opened,
  onClose,
  onReprinted,
}: {
  certificate: CertificateSummary;
  opened: boolean;
  onClose: () => void;
  onReprinted: () => void;
}) {
  const { t } = useTranslation();
  const [file, setFile] = useState<CertificateFile | null>(null);
  const [busy, setBusy] = useState(false);
  const [failure, setFailure] = useState<string | null>(null);
  const { print, printing } = usePrint();
  const title = t('certificates.reprint.documentTitle', { number: certificate.number });

  const produce = async () => {
    setBusy(true);
    setFailure(null);
    try {
      setFile(await api.call('certificates.reprint', { id: certificate.id }));
      onReprinted();
    } catch (error) {
      setFailure(errorMessage(error, t('app.unexpectedError')));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={busy ? () => undefined : onClose}
      title={t('certificates.reprint.title', { number: certificate.number })}
      size={file ? 'xl' : 'lg'}
      data-testid="reprint-dialog"
    >
      <Stack gap="md">
        {file ? (
          <>
            <Text size="sm" role="status">
              {t('certificates.reprint.ready')}
            </Text>
            <CertificatePreview
              file={file}
              loading={false}
              error={null}
              onRetry={() => undefined}
              label={title}
              height={520}
            />
          </>
        ) : (
          <Alert variant="light" color="blue" icon={<IconInfoCircle />}>
            <Text size="sm">{t('certificates.reprint.what', { number: certificate.number })}</Text>
          </Alert>
        )}
        {failure && (
          <Alert color="red" variant="light" role="alert">
            <Text size="sm">{failure}</Text>
          </Alert>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={busy}>
            {file ? t('certificates.close') : t('certificates.cancel')}
          </Button>
          {file ? (
            <>
              <Button
                variant="light"
                leftSection={<IconDownload size={16} />}
                onClick={() => savePdf(file, certificate.number)}
                data-testid="reprint-save"
              >
                {t('certificates.reprint.save')}
              </Button>
              <PrintButton
                printing={printing}
                onPrint={() => void print(file, title)}
                testId="reprint-print"
              >
                {t('certificates.reprint.print')}
              </PrintButton>
            </>
          ) : (
            <Button loading={busy} onClick={() => void produce()} data-testid="reprint-confirm">
              {t('certificates.reprint.confirm')}
            </Button>
          )}
        </Group>
      </Stack>
    </Modal>
  );
}
