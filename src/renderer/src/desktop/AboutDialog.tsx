import {
  ActionIcon,
  Code,
  CopyButton,
  Group,
  Modal,
  Stack,
  Table,
  Text,
  Tooltip,
} from '@mantine/core';
import { IconCheck, IconCopy } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { DeskSummary } from '../../../shared/api/officeTypes';
import { useApiQuery } from '../api/queries';
import { formatDate } from '../format/dates';
import { useLanguage } from '../shell/useLanguage';
import { Wordmark } from '../shell/Wordmark';
import { useSessionStore } from '../stores/sessionStore';
import { useDesktopStore } from './desktopStore';

/** « LOM-03 (Guichet 3) · Bureau LOM · Clé LOM-9b02e4c1 · inscrit le 12/03/2026 ». */
function DeskLine({ desk }: { desk: DeskSummary }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (desk.mode !== 'office' || !desk.deskId) return t('desktop.about.deskAlone');
  const parts = [
    desk.label ? t('desktop.about.deskName', { id: desk.deskId, label: desk.label }) : desk.deskId,
    t('desktop.about.deskOffice', { office: desk.officeCode }),
  ];
  if (desk.keyId) parts.push(t('desktop.about.deskKey', { keyId: desk.keyId }));
  if (desk.enrolledAt) {
    parts.push(t('desktop.about.deskEnrolledOn', { date: formatDate(desk.enrolledAt, language) }));
  }
  // Lines break between parts only (never inside a key id), the dot ending the line.
  return (
    <>
      {parts.map((part, index) => (
        <span key={index}>
          <span style={{ whiteSpace: 'nowrap' }}>{part}</span>
          {index < parts.length - 1 && '\u00a0· '}
        </span>
      ))}
    </>
  );
}

/**
 * Version, host, portal and data folder (from `app.info`), this desk and its portal's API (from
 * `office.desk`), and the free software it stands on. */
export function AboutDialog() {
  const { t } = useTranslation();
  const opened = useDesktopStore((state) => state.aboutOpen);
  const info = useSessionStore((state) => state.info);
  // Public and local (no portal call): readable before signing in.
  const desk = useApiQuery('office.desk', {}, { enabled: opened }).data;
  const close = () => useDesktopStore.getState().setAboutOpen(false);
  return (
    <Modal opened={opened} onClose={close} title={t('desktop.about.title')} size="lg">
      <Stack gap="md">
        <Group gap="md" wrap="nowrap">
          <Wordmark />
          <Text size="sm" c="dimmed">
            {t('desktop.about.tagline')}
          </Text>
        </Group>
        {info ? (
          <Table variant="vertical" withTableBorder layout="fixed">
            <Table.Tbody>
              <Table.Tr>
                <Table.Th w={180}>{t('desktop.about.version')}</Table.Th>
                <Table.Td>{info.version}</Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('desktop.about.host')}</Table.Th>
                <Table.Td>
                  {info.host === 'electron'
                    ? t('desktop.about.hostElectron')
                    : t('desktop.about.hostWeb')}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('desktop.about.desk')}</Table.Th>
                <Table.Td data-testid="about-desk">
                  {desk ? (
                    <DeskLine desk={desk} />
                  ) : (
                    <Text span size="sm" c="dimmed">
                      {t('desktop.about.deskUnknown')}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('desktop.about.portal')}</Table.Th>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  {info.trainingMode ? t('desktop.about.training') : info.portalUrl}
                  {desk && (
                    <Text size="sm" data-testid="about-portal-api">
                      {desk.portalApi === null
                        ? t('desktop.about.portalApiUnknown')
                        : t('desktop.about.portalApi', { version: desk.portalApi })}
                    </Text>
                  )}
                  {desk?.portalApi === 1 && (
                    <Text size="xs" c="dimmed" mt={4} data-testid="about-v1-only">
                      {t('desktop.about.v1Only')}
                    </Text>
                  )}
                </Table.Td>
              </Table.Tr>
              <Table.Tr>
                <Table.Th>{t('desktop.about.dataDir')}</Table.Th>
                <Table.Td>
                  <Group gap={6} wrap="nowrap" align="flex-start">
                    <Code
                      data-testid="about-data-dir"
                      style={{ overflowWrap: 'anywhere', whiteSpace: 'normal', flex: 1 }}
                    >
                      {info.dataDir}
                    </Code>
                    <CopyButton value={info.dataDir} timeout={1500}>
                      {({ copied, copy }) => (
                        <Tooltip
                          label={copied ? t('desktop.about.copied') : t('desktop.about.copy')}
                          withArrow
                        >
                          <ActionIcon
                            variant="subtle"
                            color={copied ? 'togo' : 'gray'}
                            onClick={copy}
                            aria-label={t('desktop.about.copy')}
                          >
                            {copied ? <IconCheck size={16} /> : <IconCopy size={16} />}
                          </ActionIcon>
                        </Tooltip>
                      )}
                    </CopyButton>
                  </Group>
                  <Text size="xs" c="dimmed" mt={4}>
                    {t('desktop.about.dataDirHint')}
                  </Text>
                </Table.Td>
              </Table.Tr>
            </Table.Tbody>
          </Table>
        ) : (
          <Text size="sm">{t('desktop.about.unavailable')}</Text>
        )}
        <Text size="xs" c="dimmed">
          {t('desktop.about.licences')}
        </Text>
      </Stack>
    </Modal>
  );
}
