import {
  Anchor,
  Badge,
  Button,
  Center,
  Group,
  Loader,
  Paper,
  SegmentedControl,
  Skeleton,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconArrowRight,
  IconChecks,
  IconFileAlert,
  IconGitMerge,
  IconShieldX,
  IconSend,
  type Icon,
} from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { WorklistItem, WorklistKind } from '../../../shared/api/worklistTypes';
import { WORKLIST_KINDS } from '../../../shared/api/worklistTypes';
import { useApiQuery } from '../api/queries';
import { StatusBadge } from '../badges/StatusBadge';
import { formatDateTime } from '../format/dates';
import { formatNumber } from '../format/numbers';
import { hrefOf } from '../routing/route';
import { RetryableError } from '../shell/RetryableError';
import { useLanguage } from '../shell/useLanguage';
import { useSessionStore } from '../stores/sessionStore';
import { QuarantineModal } from './QuarantineModal';
import { useActionLabel } from './actionLabel';
import classes from './SyncWork.module.css';

const LIMIT = 200;

const KIND_LOOK: Record<WorklistKind, { color: string; Icon: Icon }> = {
  conflict: { color: 'orange', Icon: IconGitMerge },
  refused_action: { color: 'red', Icon: IconAlertTriangle },
  quarantined: { color: 'grape', Icon: IconShieldX },
  document_failed: { color: 'blue', Icon: IconFileAlert },
};

type Filter = WorklistKind | 'all';

/** « À régulariser »: every case of the office that needs a person because of sync. */
export function WorklistView() {
  const { t } = useTranslation();
  const language = useLanguage();
  const worklist = useApiQuery('sync.worklist', { limit: LIMIT });
  const [filter, setFilter] = useState<Filter>('all');
  const [quarantineOpen, setQuarantineOpen] = useState(false);
  const data = worklist.data ?? null;
  const items = (data?.items ?? []).filter((item) => filter === 'all' || item.kind === filter);

  return (
    <div className={classes.screen} data-testid="worklist-view">
      <Group justify="space-between" align="flex-start" px="md" pt="md" pb="sm" gap="md">
        <div style={{ minWidth: 0, flex: 1 }}>
          <Title order={2} size="h3" fw={650}>
            {t('syncWork.worklist.title')}
          </Title>
          {data !== null && data.total > 0 && (
            <Group gap="xs" mih={22}>
              <Text size="sm" c="dimmed" data-testid="worklist-total">
                {t('syncWork.worklist.count', {
                  count: data.total,
                  formatted: formatNumber(data.total, language),
                })}
              </Text>
              {worklist.isFetching && (
                <Loader size={12} role="progressbar" aria-label={t('syncWork.worklist.updating')} />
              )}
            </Group>
          )}
          <Text size="sm" c="dimmed" maw={820}>
            {t('syncWork.worklist.intro')}
          </Text>
        </div>
        <Button
          component="a"
          href={hrefOf({ view: 'outbox' })}
          variant="default"
          size="xs"
          leftSection={<IconSend size={16} stroke={1.6} />}
        >
          {t('syncWork.worklist.outboxLink')}
        </Button>
      </Group>
      {data !== null && data.total > 0 && (
        <Group px="md" pb="sm">
          <SegmentedControl
            size="xs"
            value={filter}
            onChange={(value) => setFilter(value as Filter)}
            aria-label={t('syncWork.worklist.listLabel')}
            data={[
              {
                value: 'all',
                label: `${t('syncWork.worklist.filterAll')} · ${formatNumber(data.total, language)}`,
              },
              ...WORKLIST_KINDS.filter((kind) => data.counts[kind] > 0).map((kind) => ({
                value: kind,
                label: `${t(`syncWork.worklist.kinds.${kind}`)} · ${formatNumber(data.counts[kind], language)}`,
              })),
            ]}
          />
        </Group>
      )}
      <div className={classes.scroll}>
        {worklist.isPending ? (
          <Stack gap="sm" px="md" aria-busy="true">
            {Array.from({ length: 4 }, (_, index) => (
              <Skeleton key={index} height={96} radius="md" />
            ))}
          </Stack>
        ) : worklist.isError && data === null ? (
          <Center py={60} px="md">
            <RetryableError
              title={t('syncWork.worklist.loadError')}
              error={worklist.error}
              onRetry={() => void worklist.refetch()}
            />
          </Center>
        ) : items.length === 0 ? (
          <Center py={80} px="md" data-testid="worklist-empty">
            <Stack align="center" gap="sm" maw={520}>
              <ThemeIcon size={56} radius="xl" variant="light" color="togo">
                <IconChecks size={30} stroke={1.5} />
              </ThemeIcon>
              <Text fw={600} size="lg">
                {t('syncWork.worklist.empty')}
              </Text>
              <Text c="dimmed" ta="center" size="sm">
                {t('syncWork.worklist.emptyHint')}
              </Text>
            </Stack>
          </Center>
        ) : (
          <Stack
            gap="sm"
            px="md"
            pb="md"
            component="ul"
            className={classes.list}
            aria-label={t('syncWork.worklist.listLabel')}
          >
            {items.map((item) => (
              <WorklistRow
                key={item.key}
                item={item}
                onQuarantine={() => setQuarantineOpen(true)}
              />
            ))}
            {data !== null && data.items.length < data.total && (
              <Text size="xs" c="dimmed" ta="center">
                {t('syncWork.worklist.shown', {
                  shown: formatNumber(data.items.length, language),
                  total: formatNumber(data.total, language),
                })}
              </Text>
            )}
          </Stack>
        )}
      </div>
      <QuarantineModal opened={quarantineOpen} onClose={() => setQuarantineOpen(false)} />
    </div>
  );
}

function WorklistRow({ item, onQuarantine }: { item: WorklistItem; onQuarantine: () => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const actionLabel = useActionLabel();
  const caseWorker = useSessionStore((state) => state.user?.role !== 'administrateur');
  const { color, Icon } = KIND_LOOK[item.kind];
  const action = item.actionKind ? actionLabel(item.actionKind) : '';

  let what: string;
  let todo: string;
  let reason: string | null = null;
  switch (item.kind) {
    case 'conflict':
      what = item.detail ?? t('syncWork.worklist.what.conflictNoAction');
      todo = caseWorker
        ? t('syncWork.worklist.todo.conflict')
        : t('syncWork.worklist.todo.readOnly');
      break;
    case 'refused_action':
      what =
        item.count > 1
          ? t('syncWork.worklist.what.refusedMany', { action, more: item.count - 1 })
          : t('syncWork.worklist.what.refused', { action });
      todo = caseWorker
        ? t('syncWork.worklist.todo.refused')
        : t('syncWork.worklist.todo.readOnly');
      reason = item.detail;
      break;
    case 'quarantined':
      what = t('syncWork.worklist.what.quarantined');
      todo = t('syncWork.worklist.todo.quarantined');
      reason = item.detail;
      break;
    case 'document_failed':
      what = t('syncWork.worklist.what.documents', { count: item.count });
      todo = t('syncWork.worklist.todo.documents');
      reason = item.detail;
      break;
  }

  const caseRoute = item.case ? ({ view: 'case', id: item.case.id } as const) : null;
  return (
    <Paper
      component="li"
      withBorder
      radius="md"
      p="sm"
      className={classes.item}
      data-testid="worklist-item"
      data-kind={item.kind}
      data-case-id={item.case?.id}
      style={{ borderLeftColor: `var(--mantine-color-${color}-filled)` }}
    >
      <Group gap="sm" align="flex-start" wrap="nowrap">
        <ThemeIcon size={34} radius="md" variant="light" color={color} aria-hidden>
          <Icon size={20} stroke={1.6} />
        </ThemeIcon>
        <Stack gap={4} style={{ flex: 1, minWidth: 0 }}>
          <Group gap="xs" wrap="nowrap" justify="space-between">
            <Group gap="xs" wrap="nowrap" style={{ minWidth: 0 }}>
              <Badge color={color} variant="light" size="sm" radius="sm" tt="none" fw={600}>
                {t(`syncWork.worklist.kinds.${item.kind}`)}
              </Badge>
              {item.case && caseRoute ? (
                <>
                  <Anchor href={hrefOf(caseRoute)} ff="monospace" size="sm" fw={600}>
                    {item.case.reference}
                  </Anchor>
                  <Text size="sm" truncate="end" title={item.case.applicantName}>
                    {item.case.applicantName}
                  </Text>
                  <StatusBadge status={item.case.status} />
                </>
              ) : (
                <Text size="sm" ff="monospace" c="dimmed">
                  {item.portalId
                    ? t('syncWork.worklist.noReference', { id: item.portalId })
                    : t('syncWork.worklist.noId')}
                </Text>
              )}
            </Group>
            <Text size="xs" c="dimmed" className={classes.numeric}>
              {item.at
                ? t('syncWork.worklist.at', { date: formatDateTime(item.at, language) })
                : t('syncWork.worklist.atUnknown')}
              {item.kind === 'quarantined' &&
                item.seenCount > 1 &&
                ` · ${t('syncWork.worklist.seen', { count: item.seenCount })}`}
            </Text>
          </Group>
          <Text size="sm" fw={500} data-testid="worklist-what">
            {what}
          </Text>
          {reason && (
            <Text size="sm" c="dimmed" className={classes.reason}>
              {t('syncWork.worklist.detail', { detail: reason })}
            </Text>
          )}
          <Group gap="sm" justify="space-between" wrap="nowrap" align="flex-end">
            <Group gap={6} wrap="nowrap" align="flex-start" style={{ minWidth: 0 }}>
              <IconArrowRight size={16} stroke={1.8} style={{ flex: 'none', marginTop: 2 }} />
              <Text size="sm" data-testid="worklist-todo">
                {todo}
              </Text>
            </Group>
            {caseRoute ? (
              <Button
                component="a"
                href={hrefOf(caseRoute)}
                size="xs"
                variant="light"
                color={color}
                style={{ flex: 'none' }}
                aria-label={`${t('syncWork.worklist.openCase')} ${item.case?.reference ?? ''}`}
              >
                {t('syncWork.worklist.openCase')}
              </Button>
            ) : (
              <Button
                size="xs"
                variant="light"
                color={color}
                style={{ flex: 'none' }}
                onClick={onQuarantine}
              >
                {t('syncWork.worklist.openQuarantine')}
              </Button>
            )}
          </Group>
        </Stack>
      </Group>
    </Paper>
  );
}
