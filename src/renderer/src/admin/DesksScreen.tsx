import {
  Alert,
  Badge,
  Button,
  Center,
  Group,
  Paper,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  Title,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconAlertTriangle,
  IconDeviceDesktopPlus,
  IconInfoCircle,
  IconPlugConnected,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskSummary, DesksOverview, OfficeDesk } from '../../../shared/api/officeTypes';
import { methodKey, useApiMutation, useApiQuery } from '../api/queries';
import { ConfirmFormDialog } from '../components/ConfirmFormDialog';
import { formatDate, formatDateTime, formatRelative } from '../format/dates';
import { formatNumber } from '../format/numbers';
import { RetryableError } from '../shell/RetryableError';
import { useLanguage } from '../shell/useLanguage';
import { useNow } from '../shell/useNow';
import { AdminHeader } from './AdminHeader';
import classes from './AdminScreen.module.css';
import { EnrollmentCodeDialog } from './EnrollmentCodeDialog';

const DAY_MS = 86_400_000;

/** « LOM-03 (Guichet 3) · Bureau LOM · Clé LOM-9b02e4c1 · Inscrit le 12/03/2026 ». */
function useIdentityParts(desk: DeskSummary): string[] {
  const { t } = useTranslation();
  const language = useLanguage();
  if (desk.mode !== 'office' || !desk.deskId) return [t('admin.desks.alone')];
  const parts = [
    desk.label ? t('admin.desks.deskName', { id: desk.deskId, label: desk.label }) : desk.deskId,
    t('admin.desks.office', { office: desk.officeCode }),
  ];
  if (desk.keyId) parts.push(t('admin.desks.key', { keyId: desk.keyId }));
  if (desk.enrolledAt) {
    parts.push(t('admin.desks.enrolledOn', { date: formatDate(desk.enrolledAt, language) }));
  }
  return parts;
}

/** « 5 comptes, 6 certificats, 1 clé », or null when there is nothing to publish. */
function usePublishList(toPublish: DesksOverview['toPublish']): string | null {
  const { t } = useTranslation();
  const language = useLanguage();
  if (!toPublish) return null;
  const parts = (
    [
      ['accounts', toPublish.accounts],
      ['certificates', toPublish.certificates],
      ['keys', toPublish.keys],
    ] as const
  )
    .filter(([, count]) => count > 0)
    .map(([kind, count]) =>
      t(`admin.desks.first.${kind}`, { count, formatted: formatNumber(count, language) }),
    );
  return parts.length > 0 ? parts.join(', ') : null;
}

function ThisDeskCard({ desk }: { desk: DeskSummary }) {
  const { t } = useTranslation();
  const identity = useIdentityParts(desk);
  const api =
    desk.portalApi === null
      ? t('admin.desks.apiUnknown')
      : t('admin.desks.api', { version: desk.portalApi });
  return (
    <Paper withBorder radius="md" px="lg" py="sm" data-testid="desks-this-desk">
      <Group gap="xs" wrap="wrap">
        <Text size="sm" fw={650}>
          {t('admin.desks.thisDesk')} :
        </Text>
        <Text size="sm" data-testid="desks-identity">
          {[...identity, t('admin.desks.portal', { api })].join(' · ')}
        </Text>
      </Group>
    </Paper>
  );
}

/** A desk alone on a v2 portal: publish what it has and become the office's first desk. */
function FirstDeskOffer({ overview }: { overview: DesksOverview }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const { desk } = overview;
  const [label, setLabel] = useState<string>(() => t('admin.desks.first.labelDefault'));
  const [confirming, setConfirming] = useState(false);
  const enroll = useApiMutation('office.enrollFirst');
  const trimmed = label.trim();
  const labelWrong = trimmed.length < 1 || trimmed.length > 60;
  const list = usePublishList(overview.toPublish);
  const office = desk.officeCode;

  return (
    <Paper withBorder radius="md" p="lg" maw={760} data-testid="desks-first-offer">
      <Stack gap="sm">
        <Title order={3} size="h4" fw={650}>
          {t('admin.desks.first.title', { office })}
        </Title>
        <Text size="sm">{t('admin.desks.first.what')}</Text>
        <Text size="sm" data-testid="desks-to-publish">
          {list
            ? t('admin.desks.first.publishes', { list })
            : t('admin.desks.first.publishesNothing')}
        </Text>
        <Group align="flex-start" gap="md" wrap="nowrap">
          <TextInput
            label={t('admin.desks.first.label')}
            description={t('admin.desks.first.labelHint')}
            value={label}
            maxLength={60}
            onChange={(event) => setLabel(event.currentTarget.value)}
            error={labelWrong ? t('admin.desks.first.labelWrong') : undefined}
            w={320}
            data-testid="desks-first-label"
          />
        </Group>
        <Group gap="md">
          <Button
            leftSection={<IconPlugConnected size={18} />}
            disabled={labelWrong}
            onClick={() => setConfirming(true)}
            data-testid="desks-first-button"
          >
            {t('admin.desks.first.button')}
          </Button>
        </Group>
      </Stack>
      <ConfirmFormDialog
        opened={confirming}
        title={t('admin.desks.first.confirmTitle', { office })}
        testId="desks-first-dialog"
        mutation={enroll}
        variables={labelWrong ? null : { label: trimmed }}
        onDone={(enrolled) => {
          notifications.show({
            color: 'teal',
            message: t('admin.desks.first.done', {
              id: enrolled.deskId ?? '',
              office: enrolled.officeCode,
            }),
          });
          setConfirming(false);
          void queryClient.invalidateQueries({ queryKey: methodKey('office.desks') });
          void queryClient.invalidateQueries({ queryKey: methodKey('office.desk') });
        }}
        onClose={() => setConfirming(false)}
        cancelLabel={t('admin.cancel')}
        submit={{ label: t('admin.desks.first.confirm'), testId: 'desks-first-confirm' }}
        failureTestId="desks-first-error"
        initialFocus="cancel"
      >
        <Text size="sm">
          {list
            ? t('admin.desks.first.confirmWhat', { label: trimmed, list })
            : t('admin.desks.first.confirmWhatNothing', { label: trimmed })}
        </Text>
        <Text size="sm" c="dimmed">
          {t('admin.desks.first.irreversible')}
        </Text>
      </ConfirmFormDialog>
    </Paper>
  );
}

/** « il y a 2 min » within a day, « hors ligne depuis le 10/03/2026 » after, « jamais ». */
function LastContact({ at, now }: { at: string | null; now: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  if (!at) {
    return (
      <Text span size="sm" c="dimmed">
        {t('admin.desks.never')}
      </Text>
    );
  }
  if (now - Date.parse(at) >= DAY_MS) {
    return (
      <Text span size="sm" c="var(--mantine-color-orange-light-color)">
        {t('admin.desks.offlineSince', { date: formatDate(at, language) })}
      </Text>
    );
  }
  return (
    <Tooltip label={formatDateTime(at, language)} withArrow>
      <Text span size="sm">
        {formatRelative(at, now, language)}
      </Text>
    </Tooltip>
  );
}

function DeskRow({ desk, isSelf, now }: { desk: OfficeDesk; isSelf: boolean; now: number }) {
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Table.Tr
      className={desk.retiredAt ? classes.inactive : undefined}
      data-testid="desk-row"
      data-desk={desk.id}
    >
      <Table.Td>
        <Group gap="xs" wrap="nowrap">
          <Text size="sm" fw={600} className={classes.nowrap}>
            <Text span ff="monospace" size="sm" fw={600}>
              {desk.id}
            </Text>{' '}
            · {desk.label}
          </Text>
          {isSelf && (
            <Badge
              size="sm"
              variant="light"
              color="togo"
              radius="sm"
              tt="none"
              // Its label never shrinks to an ellipsis in a narrow column.
              styles={{
                root: { flexShrink: 0 },
                label: { overflow: 'visible', textOverflow: 'clip' },
              }}
              data-testid="desk-this"
            >
              {t('admin.desks.thisDeskBadge')}
            </Badge>
          )}
        </Group>
      </Table.Td>
      <Table.Td className={classes.nowrap}>
        <Text span ff="monospace" size="sm" c={desk.keyId ? undefined : 'dimmed'}>
          {desk.keyId ?? '—'}
        </Text>
      </Table.Td>
      <Table.Td className={classes.numeric}>{formatDate(desk.enrolledAt, language)}</Table.Td>
      <Table.Td>
        <LastContact at={desk.lastContactAt} now={now} />
      </Table.Td>
      <Table.Td className={classes.numeric}>{desk.appVersion ?? '—'}</Table.Td>
      <Table.Td className={classes.numeric}>
        {desk.pendingActions === null ? '—' : formatNumber(desk.pendingActions, language)}
        {desk.failedActions ? (
          <Text span size="xs" c="var(--mantine-color-red-light-color)" ml={6}>
            {t('admin.desks.failed', {
              count: desk.failedActions,
              formatted: formatNumber(desk.failedActions, language),
            })}
          </Text>
        ) : null}
      </Table.Td>
      <Table.Td className={classes.nowrap}>
        {desk.retiredAt ? (
          <Text span size="sm" c="dimmed">
            {t('admin.desks.retiredOn', { date: formatDate(desk.retiredAt, language) })}
          </Text>
        ) : (
          <Badge size="sm" variant="light" color="teal" radius="sm" tt="none">
            {t('admin.desks.active')}
          </Badge>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function DesksTable({ overview }: { overview: DesksOverview }) {
  const { t } = useTranslation();
  const now = useNow();
  if (overview.desks.length === 0) {
    return (
      <Center py={60}>
        <Text c="dimmed" data-testid="desks-empty">
          {t('admin.desks.empty')}
        </Text>
      </Center>
    );
  }
  return (
    <Table
      highlightOnHover
      verticalSpacing="xs"
      horizontalSpacing="sm"
      aria-label={t('admin.desks.title')}
      data-testid="desks-table"
    >
      <Table.Thead>
        <Table.Tr className={classes.head}>
          <Table.Th>{t('admin.desks.columns.desk')}</Table.Th>
          <Table.Th>{t('admin.desks.columns.key')}</Table.Th>
          <Table.Th>{t('admin.desks.columns.enrolledAt')}</Table.Th>
          <Table.Th>{t('admin.desks.columns.lastContact')}</Table.Th>
          <Table.Th>{t('admin.desks.columns.version')}</Table.Th>
          <Table.Th>{t('admin.desks.columns.pending')}</Table.Th>
          <Table.Th>{t('admin.desks.columns.state')}</Table.Th>
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {overview.desks.map((desk) => (
          <DeskRow key={desk.id} desk={desk} isSelf={desk.id === overview.desk.deskId} now={now} />
        ))}
      </Table.Tbody>
    </Table>
  );
}

function DesksBody({ overview }: { overview: DesksOverview }) {
  const { t } = useTranslation();
  const { desk, trainingMode } = overview;
  const offersFirst =
    desk.mode === 'single' && desk.portalEnrolls && desk.portalApi !== 1 && !trainingMode;
  return (
    <Stack gap="md">
      <ThisDeskCard desk={desk} />
      {desk.portalApi === 1 && (
        <Alert
          color="orange"
          variant="light"
          icon={<IconAlertTriangle />}
          data-testid="desks-v1-only"
        >
          <Text size="sm">{t('admin.desks.v1Only')}</Text>
        </Alert>
      )}
      {trainingMode && (
        <Alert color="blue" variant="light" icon={<IconInfoCircle />} data-testid="desks-training">
          <Text size="sm">{t('admin.desks.training')}</Text>
        </Alert>
      )}
      {offersFirst && <FirstDeskOffer overview={overview} />}
      {desk.mode === 'single' &&
        !offersFirst &&
        !trainingMode &&
        desk.portalApi !== 1 &&
        !desk.portalEnrolls && (
          <Text size="sm" c="dimmed" data-testid="desks-not-yet">
            {t('admin.desks.notYet')}
          </Text>
        )}
      {desk.mode === 'office' && (
        <Paper withBorder radius="md" style={{ overflow: 'auto' }}>
          <DesksTable overview={overview} />
        </Paper>
      )}
    </Stack>
  );
}

/** « Postes de travail »: this desk, the office's desks, the first enrollment, enrollment codes. */
export function DesksScreen() {
  const { t } = useTranslation();
  const language = useLanguage();
  const overview = useApiQuery('office.desks', {});
  const [issuing, setIssuing] = useState(false);
  const data = overview.data;
  const canIssue = data !== undefined && data.desk.mode === 'office' && !data.trainingMode;
  const v1 = data?.desk.portalApi === 1;
  return (
    <div className={classes.screen} data-testid="admin-desks">
      <AdminHeader title={t('admin.desks.title')} subtitle={t('admin.desks.subtitle')}>
        {data && data.desk.mode === 'office' && data.desks.length > 0 && (
          <Text size="sm" c="dimmed">
            {t('admin.desks.count', {
              count: data.desks.length,
              formatted: formatNumber(data.desks.length, language),
            })}
          </Text>
        )}
        {canIssue && (
          <Tooltip label={t('admin.desks.v1NoEnroll')} disabled={!v1} withArrow>
            <Button
              leftSection={<IconDeviceDesktopPlus size={18} />}
              onClick={() => setIssuing(true)}
              disabled={v1}
              data-testid="desks-enroll"
            >
              {t('admin.desks.enroll')}
            </Button>
          </Tooltip>
        )}
      </AdminHeader>
      <div className={classes.scroll}>
        <Stack px="md" pb="xl">
          {overview.isPending ? (
            <Stack gap="md" aria-busy="true">
              <Skeleton height={44} radius="md" />
              {Array.from({ length: 4 }, (_, index) => (
                <Skeleton key={index} height={40} radius="sm" />
              ))}
            </Stack>
          ) : overview.isError ? (
            <Center py={60}>
              <RetryableError
                title={t('admin.desks.loadError')}
                error={overview.error}
                onRetry={() => void overview.refetch()}
              />
            </Center>
          ) : (
            <DesksBody overview={overview.data} />
          )}
        </Stack>
      </div>
      {issuing && data && (
        <EnrollmentCodeDialog officeCode={data.desk.officeCode} onClose={() => setIssuing(false)} />
      )}
    </div>
  );
}
