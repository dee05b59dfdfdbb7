import {
  Anchor,
  Badge,
  Button,
  Center,
  CloseButton,
  Group,
  Loader,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  ThemeIcon,
  Title,
  Tooltip,
} from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { notifications } from '@mantine/notifications';
import { IconCertificateOff, IconKey, IconSearch, IconSearchOff } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { CertificateSummary, KeyBundle } from '../../../shared/api/certificateTypes';
import { errorMessage } from '../api/errorMessage';
import { useApiMutation } from '../api/queries';
import { saveFile } from '../dashboard/exportDownload';
import { formatDate } from '../format/dates';
import { formatNumber } from '../format/numbers';
import type { Language } from '../i18n/language';
import { hrefOf } from '../routing/route';
import { navigate } from '../routing/useRoute';
import { RetryableError } from '../shell/RetryableError';
import { useLanguage } from '../shell/useLanguage';
import { procedureByCode, useSessionStore } from '../stores/sessionStore';
import classes from './Certificates.module.css';
import { useCertificatesList, useCertificatesSearchStore } from './certificatesList';
import { CertificateStatusBadge } from './CertificateStatusBadge';

const SEARCH_PAUSE_MS = 250;
const KEY_BUNDLE_FILE = 'bureau-cles.json';

/** UTF-8 bytes as base64, what the shared download takes (in slices: a bundle can be large). */
function base64Of(text: string): string {
  const bytes = new TextEncoder().encode(text);
  let binary = '';
  for (let start = 0; start < bytes.length; start += 0x8000) {
    binary += String.fromCharCode(...bytes.subarray(start, start + 0x8000));
  }
  return btoa(binary);
}

/** Administrators: this desk's keys and revoked or cancelled numbers, for the offline verifier. */
function ExportKeysButton() {
  const { t } = useTranslation();
  const exportKeys = useApiMutation('certificates.keyBundle', {
    onSuccess: (bundle: KeyBundle) => {
      saveFile({
        fileName: KEY_BUNDLE_FILE,
        mimeType: 'application/json',
        base64: base64Of(`${JSON.stringify(bundle, null, 2)}\n`),
      });
      notifications.show({
        color: 'teal',
        message: t('certificates.list.exportKeysDone', { file: KEY_BUNDLE_FILE }),
      });
    },
    onError: (error) => {
      notifications.show({
        color: 'red',
        title: t('certificates.list.exportKeysFailed'),
        message: errorMessage(error, t('app.unexpectedError')),
      });
    },
  });
  return (
    <Tooltip label={t('certificates.list.exportKeysHint')} multiline w={400} withArrow>
      <Button
        variant="default"
        leftSection={<IconKey size={16} />}
        loading={exportKeys.isPending}
        onClick={() => exportKeys.mutate({})}
        aria-description={t('certificates.list.exportKeysHint')}
        data-testid="certificates-export-keys"
      >
        {t('certificates.list.exportKeys')}
      </Button>
    </Tooltip>
  );
}

function ListSkeleton() {
  return (
    <Stack gap={0} px="md" aria-busy="true" data-testid="certificates-loading">
      <Skeleton height={36} radius={0} mb={4} />
      {Array.from({ length: 8 }, (_, index) => (
        <Group
          key={index}
          gap="lg"
          py={14}
          wrap="nowrap"
          style={{ borderBottom: '1px solid var(--mantine-color-default-border)' }}
        >
          <Skeleton height={12} width={170} radius="sm" />
          <Skeleton height={12} width={`${30 - (index % 3) * 5}%`} radius="sm" />
          <Skeleton height={12} width="20%" radius="sm" />
          <Skeleton height={12} width={80} radius="sm" />
        </Group>
      ))}
    </Stack>
  );
}

function ListEmpty({ search }: { search: string }) {
  const { t } = useTranslation();
  const Icon = search ? IconSearchOff : IconCertificateOff;
  return (
    <Center py={80} px="md" data-testid="certificates-empty">
      <Stack align="center" gap="sm">
        <ThemeIcon size={56} radius="xl" variant="light" color="gray">
          <Icon size={30} stroke={1.5} />
        </ThemeIcon>
        <Text c="dimmed" ta="center">
          {search
            ? t('certificates.list.noResults', { query: search })
            : t('certificates.list.empty')}
        </Text>
      </Stack>
    </Center>
  );
}

function CertificateRow({
  certificate,
  language,
}: {
  certificate: CertificateSummary;
  language: Language;
}) {
  const { t } = useTranslation();
  const procedures = useSessionStore((state) => state.procedures);
  const procedure = procedureByCode(procedures, certificate.procedureCode);
  const caseRoute = { view: 'case', id: certificate.applicationId } as const;
  return (
    <Table.Tr
      className={classes.row}
      onClick={() => navigate(caseRoute)}
      data-testid="certificate-row"
      data-number={certificate.number}
    >
      <Table.Td className={classes.nowrap}>
        <Anchor
          href={hrefOf(caseRoute)}
          ff="monospace"
          size="sm"
          fw={600}
          onClick={(event) => event.stopPropagation()}
          aria-label={t('certificates.list.openCase', {
            number: certificate.number,
            reference: certificate.reference,
          })}
        >
          {certificate.number}
        </Anchor>
        <Text size="xs" c="dimmed" ff="monospace">
          {certificate.reference}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={500}>
          {certificate.holderName}
        </Text>
      </Table.Td>
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <Badge
            variant="outline"
            color="gray"
            radius="sm"
            tt="none"
            ff="monospace"
            size="sm"
            className={classes.fixed}
          >
            {certificate.procedureCode}
          </Badge>
          <Text size="sm" lineClamp={1}>
            {procedure?.title[language] ?? ''}
          </Text>
        </Group>
      </Table.Td>
      <Table.Td className={classes.numeric}>
        <Text size="sm">{formatDate(certificate.issuedAt, language)}</Text>
      </Table.Td>
      <Table.Td className={classes.numeric}>
        <Text size="sm" c={certificate.expiresOn ? undefined : 'dimmed'}>
          {certificate.expiresOn
            ? formatDate(certificate.expiresOn, language)
            : t('certificates.noExpiryShort')}
        </Text>
      </Table.Td>
      <Table.Td>
        <CertificateStatusBadge certificate={certificate} />
      </Table.Td>
      <Table.Td ta="right" className={classes.numeric}>
        <Text size="sm" c={certificate.duplicates === 0 ? 'dimmed' : undefined}>
          {formatNumber(certificate.duplicates, language)}
        </Text>
      </Table.Td>
    </Table.Tr>
  );
}

/** Every certificate issued by the office, searchable by number, holder or case reference. */
export function CertificatesView() {
  const { t } = useTranslation();
  const language = useLanguage();
  const typed = useCertificatesSearchStore((state) => state.search);
  const setSearch = useCertificatesSearchStore((state) => state.setSearch);
  const [search] = useDebouncedValue(typed, SEARCH_PAUSE_MS);
  const list = useCertificatesList(search);
  const administrator = useSessionStore((state) => state.user?.role === 'administrateur');

  return (
    <div className={classes.screen} data-testid="certificates-view">
      <Group justify="space-between" align="flex-end" px="md" pt="md" pb="sm" gap="md">
        <div>
          <Title order={2} size="h3" fw={650}>
            {t('certificates.list.title')}
          </Title>
          <Group gap="xs" mih={22}>
            <Text size="sm" c="dimmed" data-testid="certificates-total">
              {list.phase === 'ready' &&
                list.total !== null &&
                t('certificates.list.count', {
                  count: list.total,
                  formatted: formatNumber(list.total, language),
                })}
            </Text>
            {list.refreshing && (
              <Loader size={12} role="progressbar" aria-label={t('certificates.list.updating')} />
            )}
          </Group>
        </div>
        <Group gap="sm" wrap="nowrap">
          {administrator && <ExportKeysButton />}
          <TextInput
            type="search"
            w={360}
            value={typed}
            onChange={(event) => setSearch(event.currentTarget.value)}
            placeholder={t('certificates.list.searchPlaceholder')}
            aria-label={t('certificates.list.searchLabel')}
            leftSection={<IconSearch size={16} />}
            rightSection={
              typed ? (
                <CloseButton
                  size="sm"
                  aria-label={t('certificates.list.clearSearch')}
                  onClick={() => setSearch('')}
                />
              ) : null
            }
            data-testid="certificates-search"
          />
        </Group>
      </Group>
      <div className={classes.scroll}>
        {list.phase === 'loading' ? (
          <ListSkeleton />
        ) : list.phase === 'error' ? (
          <Center py={60} px="md">
            <RetryableError
              title={t('certificates.list.loadError')}
              error={list.error}
              onRetry={list.retry}
            />
          </Center>
        ) : list.rows.length === 0 ? (
          <ListEmpty search={list.shownSearch} />
        ) : (
          <>
            <Table
              stickyHeader
              highlightOnHover
              miw={980}
              verticalSpacing="xs"
              horizontalSpacing="md"
              aria-label={t('certificates.list.title')}
              aria-busy={list.refreshing || undefined}
            >
              <Table.Thead>
                <Table.Tr className={classes.head}>
                  <Table.Th w={210}>{t('certificates.fields.number')}</Table.Th>
                  <Table.Th>{t('certificates.fields.holder')}</Table.Th>
                  <Table.Th>{t('certificates.fields.procedure')}</Table.Th>
                  <Table.Th w={110}>{t('certificates.fields.issuedOn')}</Table.Th>
                  <Table.Th w={140}>{t('certificates.fields.expiresOn')}</Table.Th>
                  <Table.Th w={110}>{t('certificates.fields.status')}</Table.Th>
                  <Table.Th w={110} ta="right">
                    {t('certificates.fields.duplicatesShort')}
                  </Table.Th>
                </Table.Tr>
              </Table.Thead>
              <Table.Tbody>
                {list.rows.map((certificate) => (
                  <CertificateRow
                    key={certificate.id}
                    certificate={certificate}
                    language={language}
                  />
                ))}
              </Table.Tbody>
            </Table>
            <Stack align="center" gap={6} py="md">
              {list.total !== null && (
                <Text size="xs" c="dimmed">
                  {t('certificates.list.shown', {
                    shown: formatNumber(list.rows.length, language),
                    total: formatNumber(list.total, language),
                  })}
                </Text>
              )}
              {list.moreError !== null && (
                <Text size="sm" c="red" role="alert">
                  {errorMessage(list.moreError, t('app.unexpectedError'))}
                </Text>
              )}
              {list.hasMore && (
                <Button
                  variant="default"
                  size="xs"
                  loading={list.loadingMore}
                  onClick={list.loadMore}
                  data-testid="certificates-more"
                >
                  {t('certificates.list.loadMore')}
                </Button>
              )}
            </Stack>
          </>
        )}
      </div>
    </div>
  );
}
