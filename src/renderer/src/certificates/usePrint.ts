import { notifications } from '@mantine/notifications';
import { useCallback, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CertificateFile } from '../../../shared/api/certificateTypes';
import { printPdf } from './printPdf';

/** Prints a certificate PDF (pages rendered first, which takes a second), saying if it fails. */
export function usePrint() {
  const { t } = useTranslation();
  const [printing, setPrinting] = useState(false);
  const print = useCallback(
    async (file: CertificateFile, title: string) => {
      setPrinting(true);
      try {
        await printPdf(file.base64, title);
      } catch {
        notifications.show({
          color: 'red',
          title: t('certificates.printFailed'),
          message: t('certificates.printFailedHint'),
          autoClose: 8000,
        });
      } finally {
        setPrinting(false);
      }
    },
    [t],
  );
  return { print, printing };
}
