import {
  ActionIcon,
  Badge,
  Button,
  Center,
  Checkbox,
  Group,
  Menu,
  Skeleton,
  Stack,
  Table,
  Text,
  TextInput,
  VisuallyHidden,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconDots, IconPencil, IconPlus, IconSearch, IconTrash } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { foldText } from '../../../shared/textModules/matchTextModules';
import type { TextModule } from '../../../shared/textModules/textModule';
import { apiKey, useApiMutation, useApiQuery } from '../api/queries';
import { ConfirmFormDialog } from '../components/ConfirmFormDialog';
import { formatDateTime } from '../format/dates';
import { formatNumber } from '../format/numbers';
import { RetryableError } from '../shell/RetryableError';
import { useLanguage } from '../shell/useLanguage';
import { AdminHeader } from '../admin/AdminHeader';
import classes from '../admin/AdminScreen.module.css';
import { TextModuleFormDialog } from './TextModuleFormDialog';

/** Like the other admin screens' badges: sentence case, never cut short. */
const BADGE = { variant: 'light', size: 'sm', radius: 'sm', tt: 'none', fw: 600 } as const;
const LIST = { includeRetired: true } as const;

type Dialog = { kind: 'create' } | { kind: 'edit' | 'retire'; module: TextModule } | null;

const matches = (module: TextModule, search: string) => {
  const wanted = foldText(search.trim());
  return (
    wanted === '' ||
    [module.keyword, module.title.fr, module.title.en ?? '', module.body].some((text) =>
      foldText(text).includes(wanted),
    )
  );
};

function ScreenSkeleton() {
  return (
    <Stack gap={0} px="md" aria-busy="true">
      <Skeleton height={36} radius={0} mb={4} />
      {Array.from({ length: 6 }, (_, index) => (
        <Group key={index} gap="lg" py={14} wrap="nowrap">
          <Skeleton height={12} width={90} radius="sm" />
          <Skeleton height={12} width="40%" radius="sm" />
          <Skeleton height={18} width={90} radius="xl" />
          <Skeleton height={18} width={160} radius="xl" />
        </Group>
      ))}
    </Stack>
  );
}

function ModuleRow({ module, onDialog }: { module: TextModule; onDialog: (d: Dialog) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const retired = module.retiredAt !== null;
  const editable = module.origin === 'office' && !retired;
  return (
    <Table.Tr
      className={retired ? classes.inactive : undefined}
      data-testid="text-module-row"
      data-keyword={module.keyword}
      data-origin={module.origin}
    >
      <Table.Td className={classes.nowrap}>
        <Text size="sm" ff="monospace" fw={600}>
          ::{module.keyword}
        </Text>
      </Table.Td>
      <Table.Td>
        <Text size="sm" fw={600}>
          {(language === 'en' && module.title.en) || module.title.fr}
        </Text>
        <Text size="xs" c="dimmed" lineClamp={2} style={{ overflowWrap: 'anywhere' }}>
          {module.body}
        </Text>
      </Table.Td>
      <Table.Td className={classes.nowrap}>
        {module.procedureCode ? (
          <Badge variant="outline" color="gray" radius="sm" tt="none" ff="monospace" size="sm">
            {module.procedureCode}
          </Badge>
        ) : (
          <Text size="sm" c="dimmed">
            {t('textModules.admin.allProcedures')}
          </Text>
        )}
      </Table.Td>
      <Table.Td>
        <Group gap={4}>
          {module.contexts.map((context) => (
            <Badge key={context} color="blue" {...BADGE}>
              {t(`textModules.contexts.${context}`)}
            </Badge>
          ))}
        </Group>
      </Table.Td>
      <Table.Td>
        {module.origin === 'shipped' ? (
          <Badge color="gray" {...BADGE}>
            {t('textModules.admin.shipped')}
          </Badge>
        ) : (
          <Stack gap={2} align="flex-start">
            {retired && (
              <Badge color="gray" {...BADGE}>
                {t('textModules.admin.retired')}
              </Badge>
            )}
            <Text size="xs" className={classes.numeric}>
              {t('textModules.admin.updatedBy', {
                date: formatDateTime(module.updatedAt ?? '', language),
                name: module.updatedBy?.displayName ?? '—',
              })}
            </Text>
          </Stack>
        )}
      </Table.Td>
      <Table.Td ta="right">
        {editable && (
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <ActionIcon
                variant="subtle"
                color="gray"
                aria-label={t('textModules.admin.actionsFor', { keyword: module.keyword })}
                data-testid="text-module-actions"
              >
                <IconDots size={18} />
              </ActionIcon>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item
                leftSection={<IconPencil size={16} />}
                onClick={() => onDialog({ kind: 'edit', module })}
                data-testid="text-module-edit"
              >
                {t('textModules.admin.edit')}
              </Menu.Item>
              <Menu.Item
                color="red"
                leftSection={<IconTrash size={16} />}
                onClick={() => onDialog({ kind: 'retire', module })}
                data-testid="text-module-retire"
              >
                {t('textModules.admin.retire')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        )}
      </Table.Td>
    </Table.Tr>
  );
}

function RetireDialog(props: { module: TextModule; onClose: () => void; onDone: () => void }) {
  const { t } = useTranslation();
  const retire = useApiMutation('textModules.retire');
  const { keyword } = props.module;
  return (
    <ConfirmFormDialog
      title={t('textModules.admin.retireDialog.title', { keyword })}
      testId="text-module-retire-dialog"
      mutation={retire}
      variables={{ id: props.module.id }}
      initialFocus="cancel"
      onClose={props.onClose}
      onDone={() => {
        notifications.show({
          color: 'teal',
          message: t('textModules.admin.retireDialog.done', { keyword }),
        });
        props.onDone();
      }}
      submit={{
        label: t('textModules.admin.retireDialog.confirm'),
        color: 'red',
        testId: 'text-module-retire-confirm',
      }}
    >
      <Text size="sm">{t('textModules.admin.retireDialog.what')}</Text>
    </ConfirmFormDialog>
  );
}

/**
 * « Modules de texte »: the phrases clerks insert with `::`, the office's own (added, edited,
 * retired here, without a release) beside those shipped with Bureau (read-only).
 */
export function TextModulesScreen() {
  const { t } = useTranslation();
  const language = useLanguage();
  const queryClient = useQueryClient();
  const list = useApiQuery('textModules.list', LIST);
  const [dialog, setDialog] = useState<Dialog>(null);
  const [search, setSearch] = useState('');
  const [withRetired, setWithRetired] = useState(false);
  const [withShipped, setWithShipped] = useState(true);

  const refresh = () => {
    void queryClient.invalidateQueries({ queryKey: apiKey('textModules.list', LIST) });
    // The clerks' `::` lists on this desk read the list without retired phrases.
    void queryClient.invalidateQueries({ queryKey: apiKey('textModules.list', {}) });
    setDialog(null);
  };

  const own = list.data?.filter((module) => module.origin === 'office' && !module.retiredAt) ?? [];
  const shown =
    list.data?.filter(
      (module) =>
        (withRetired || module.retiredAt === null) &&
        (withShipped || module.origin === 'office') &&
        matches(module, search),
    ) ?? [];
  // The office's phrases first (what administrators change), then the shipped ones.
  shown.sort(
    (a, b) =>
      Number(a.origin === 'shipped') - Number(b.origin === 'shipped') ||
      Number(a.retiredAt !== null) - Number(b.retiredAt !== null) ||
      a.keyword.localeCompare(b.keyword),
  );

  return (
    <div className={classes.screen} data-testid="admin-text-modules">
      <AdminHeader title={t('textModules.admin.title')} subtitle={t('textModules.admin.subtitle')}>
        {list.data && (
          <Text size="sm" c="dimmed">
            {t('textModules.admin.count', {
              count: own.length,
              formatted: formatNumber(own.length, language),
            })}
          </Text>
        )}
        <Button
          leftSection={<IconPlus size={18} />}
          onClick={() => setDialog({ kind: 'create' })}
          data-testid="text-module-create"
        >
          {t('textModules.admin.add')}
        </Button>
      </AdminHeader>
      <Group px="md" pb="sm" gap="lg" align="center">
        <TextInput
          w={320}
          aria-label={t('textModules.admin.search')}
          placeholder={t('textModules.admin.searchPlaceholder')}
          leftSection={<IconSearch size={16} />}
          value={search}
          onChange={(event) => setSearch(event.currentTarget.value)}
          data-testid="text-module-search"
        />
        <Checkbox
          label={t('textModules.admin.showShipped')}
          checked={withShipped}
          onChange={(event) => setWithShipped(event.currentTarget.checked)}
        />
        <Checkbox
          label={t('textModules.admin.showRetired')}
          checked={withRetired}
          onChange={(event) => setWithRetired(event.currentTarget.checked)}
          data-testid="text-module-show-retired"
        />
      </Group>
      {/* Focusable, so the keyboard scrolls the list when no row has a button to reach. */}
      <div
        className={classes.scroll}
        tabIndex={0}
        role="region"
        aria-label={t('textModules.admin.title')}
      >
        {list.isPending ? (
          <ScreenSkeleton />
        ) : list.isError ? (
          <Center py={60} px="md">
            <RetryableError
              title={t('textModules.admin.loadError')}
              error={list.error}
              onRetry={() => void list.refetch()}
            />
          </Center>
        ) : shown.length === 0 ? (
          <Center py={80}>
            <Text c="dimmed">{t('textModules.admin.empty')}</Text>
          </Center>
        ) : (
          <Table
            stickyHeader
            highlightOnHover
            miw={980}
            verticalSpacing="xs"
            horizontalSpacing="md"
            aria-label={t('textModules.admin.title')}
          >
            <Table.Thead>
              <Table.Tr className={classes.head}>
                <Table.Th w={150}>{t('textModules.admin.columns.keyword')}</Table.Th>
                <Table.Th>{t('textModules.admin.columns.title')}</Table.Th>
                <Table.Th w={150}>{t('textModules.admin.columns.procedure')}</Table.Th>
                <Table.Th w={230}>{t('textModules.admin.columns.contexts')}</Table.Th>
                <Table.Th w={190}>{t('textModules.admin.columns.updated')}</Table.Th>
                <Table.Th w={60}>
                  <VisuallyHidden>{t('textModules.admin.columns.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {shown.map((module) => (
                <ModuleRow key={module.id} module={module} onDialog={setDialog} />
              ))}
            </Table.Tbody>
          </Table>
        )}
      </div>
      {dialog?.kind === 'create' && (
        <TextModuleFormDialog module={null} onClose={() => setDialog(null)} onSaved={refresh} />
      )}
      {dialog?.kind === 'edit' && (
        <TextModuleFormDialog
          module={dialog.module}
          onClose={() => setDialog(null)}
          onSaved={refresh}
        />
      )}
      {dialog?.kind === 'retire' && (
        <RetireDialog module={dialog.module} onClose={() => setDialog(null)} onDone={refresh} />
      )}
    </div>
  );
}
