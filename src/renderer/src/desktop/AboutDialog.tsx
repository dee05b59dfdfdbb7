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
import { Wordmark } from '../shell/Wordmark';
import { useSessionStore } from '../stores/sessionStore';
import { useDesktopStore } from './desktopStore';

/** Version, host, portal and data folder (from `app.info`), and the free software it stands on. */
export function AboutDialog() {
  const { t } = useTranslation();
  const opened = useDesktopStore((state) => state.aboutOpen);
  const info = useSessionStore((state) => state.info);
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
                <Table.Th>{t('desktop.about.portal')}</Table.Th>
                <Table.Td style={{ overflowWrap: 'anywhere' }}>
                  {info.trainingMode ? t('desktop.about.training') : info.portalUrl}
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
