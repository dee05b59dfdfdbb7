import { Alert, Button, Text } from '@mantine/core';
import { IconDownload, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CertificateSummary } from '../../../shared/api/certificateTypes';
import { useApiMutation } from '../api/queries';
import { ConfirmFormDialog } from '../components/ConfirmFormDialog';
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
  const reprint = useApiMutation('certificates.reprint');
  // The duplicate produced by this opening of the dialog.
  const file = reprint.data ?? null;
  const { print, printing } = usePrint();
  const title = t('certificates.reprint.documentTitle', { number: certificate.number });

  return (
    <ConfirmFormDialog
      opened={opened}
      title={t('certificates.reprint.title', { number: certificate.number })}
      size={file ? 'xl' : 'lg'}
      testId="reprint-dialog"
      mutation={reprint}
      variables={{ id: certificate.id }}
      onDone={onReprinted}
      onClose={onClose}
      cancelLabel={file ? t('certificates.close') : t('certificates.cancel')}
      submit={file ? null : { label: t('certificates.reprint.confirm'), testId: 'reprint-confirm' }}
      actions={
        file && (
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
        )
      }
    >
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
    </ConfirmFormDialog>
  );
}
