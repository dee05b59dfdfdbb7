import {
  ActionIcon,
  Badge,
  Button,
  Center,
  Group,
  Menu,
  Skeleton,
  Stack,
  Table,
  Text,
  Tooltip,
  VisuallyHidden,
} from '@mantine/core';
import {
  IconAlertTriangle,
  IconDots,
  IconKey,
  IconPencil,
  IconUserCheck,
  IconUserOff,
  IconUserPlus,
} from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AccountDirectoryState, UserAccount } from '../../../shared/api/adminTypes';
import { apiKey, useApiQuery } from '../api/queries';
import { formatDate, formatDateTime, formatRelative, formatSince } from '../format/dates';
import { formatNumber } from '../format/numbers';
import { RetryableError } from '../shell/RetryableError';
import { useLanguage } from '../shell/useLanguage';
import { useNow } from '../shell/useNow';
import { useSessionStore } from '../stores/sessionStore';
import { AccountActiveDialog } from './AccountActiveDialog';
import { AdminHeader } from './AdminHeader';
import classes from './AdminScreen.module.css';
import { ResetPasswordDialog } from './ResetPasswordDialog';
import { ROLE_COLORS } from './roleColors';
import { UserFormDialog } from './UserFormDialog';

/** Like the case status badges: sentence case, never cut short. */
const BADGE = { variant: 'light', size: 'sm', radius: 'sm', tt: 'none', fw: 600 } as const;

/** A desk not heard from for a day reads « hors ligne depuis le 10/03/2026 » (as « Postes »). */
const DAY_MS = 86_400_000;

type Dialog =
  { kind: 'create' } | { kind: 'edit' | 'reset' | 'active'; account: UserAccount } | null;

function UsersSkeleton() {
  return (
    <Stack gap={0} px="md" aria-busy="true" data-testid="admin-users-loading">
      <Skeleton height={36} radius={0} mb={4} />
      {Array.from({ length: 6 }, (_, index) => (
        <Group key={index} gap="lg" py={14} wrap="nowrap">
          <Skeleton height={12} width={180} radius="sm" />
          <Skeleton height={18} width={110} radius="xl" />
          <Skeleton height={12} width={40} radius="sm" />
          <Skeleton height={12} width="18%" radius="sm" />
          <Skeleton height={18} width={70} radius="xl" />
          <Skeleton height={12} width={120} radius="sm" />
        </Group>
      ))}
    </Stack>
  );
}

function StatusBadges({ account }: { account: UserAccount }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const now = useNow();
  if (!account.active) {
    return (
      <Badge color="gray" {...BADGE}>
        {t('admin.users.status.inactive')}
      </Badge>
    );
  }
  return (
    <Stack gap={4} align="flex-start">
      {account.lockedUntil ? (
        <Badge color="red" {...BADGE} data-testid="user-locked">
          {t('admin.users.status.lockedUntil', {
            time: formatSince(account.lockedUntil, now, language),
          })}
        </Badge>
      ) : (
        <Badge color="teal" {...BADGE}>
          {t('admin.users.status.active')}
        </Badge>
      )}
      {account.mustChangePassword && (
        <Badge color="yellow" {...BADGE}>
          {t('admin.users.status.mustChange')}
        </Badge>
      )}
      <DirectoryBadges directory={account.directory} />
    </Stack>
  );
}

/** On an enrolled desk: a change still waiting for the portal, or refused by it. */
function DirectoryBadges({ directory }: { directory: AccountDirectoryState | null }) {
  const { t } = useTranslation();
  if (!directory || (!directory.pending && !directory.refusal)) return null;
  return (
    <Group gap={4} wrap="nowrap">
      {directory.pending && (
        <Badge color="gray" {...BADGE} data-testid="user-pending">
          {t('admin.users.status.pending')}
        </Badge>
      )}
      {directory.refusal && (
        <Tooltip
          label={t('admin.users.status.refused', { reason: directory.refusal })}
          multiline
          w={320}
          withArrow
          events={{ hover: true, focus: true, touch: true }}
        >
          <ActionIcon
            variant="light"
            color="orange"
            size="sm"
            aria-label={t('admin.users.status.refused', { reason: directory.refusal })}
            data-testid="user-refusal"
          >
            <IconAlertTriangle size={14} />
          </ActionIcon>
        </Tooltip>
      )}
    </Group>
  );
}

/** « 3/3 » in green, or « 2/3 » in orange with the desks still behind in its tooltip. */
function DesksUpToDate({ directory }: { directory: AccountDirectoryState | null }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const now = useNow();
  if (!directory || directory.desks === 0) {
    return (
      <Text size="sm" c="dimmed">
        —
      </Text>
    );
  }
  const complete = directory.desksUpToDate >= directory.desks;
  const lines = complete
    ? [t('admin.users.directory.allUpToDate')]
    : directory.behind.map(({ deskId, lastContactAt }) =>
        lastContactAt === null
          ? t('admin.users.directory.never', { desk: deskId })
          : now - Date.parse(lastContactAt) >= DAY_MS
            ? t('admin.users.directory.offlineSince', {
                desk: deskId,
                date: formatDate(lastContactAt, language),
              })
            : t('admin.users.directory.lastContact', {
                desk: deskId,
                when: formatRelative(lastContactAt, now, language),
              }),
      );
  return (
    <Tooltip
      label={
        <Stack gap={4} data-testid="user-desks-behind">
          {lines.map((line) => (
            <span key={line}>{line}</span>
          ))}
        </Stack>
      }
      multiline
      w={360}
      withArrow
      events={{ hover: true, focus: true, touch: true }}
    >
      <Badge
        color={complete ? 'teal' : 'orange'}
        {...BADGE}
        className={classes.numeric}
        tabIndex={0}
        data-testid="user-desks"
        data-complete={complete}
      >
        {formatNumber(directory.desksUpToDate, language)}/{formatNumber(directory.desks, language)}
      </Badge>
    </Tooltip>
  );
}

function ProcedureBadges({ codes }: { codes: string[] | null }) {
  const { t } = useTranslation();
  if (codes === null) {
    return (
      <Text size="sm" c="dimmed">
        {t('admin.users.allProcedures')}
      </Text>
    );
  }
  const shown = codes.slice(0, 3);
  return (
    <Group gap={4}>
      {shown.map((code) => (
        <Badge
          key={code}
          variant="outline"
          color="gray"
          radius="sm"
          tt="none"
          ff="monospace"
          size="sm"
        >
          {code}
        </Badge>
      ))}
      {codes.length > shown.length && (
        <Tooltip label={codes.slice(3).join(', ')}>
          <Badge variant="light" color="gray" radius="sm" size="sm">
            +{codes.length - shown.length}
          </Badge>
        </Tooltip>
      )}
    </Group>
  );
}

function AccountRow(props: {
  account: UserAccount;
  isSelf: boolean;
  /** The office directory's column (« Postes à jour »), on an enrolled desk. */
  withDesks: boolean;
  onDialog: (dialog: Dialog) => void;
}) {
  const { account, isSelf, withDesks, onDialog } = props;
  const { t } = useTranslation();
  const language = useLanguage();
  return (
    <Table.Tr
      className={account.active ? undefined : classes.inactive}
      data-testid="user-row"
      data-username={account.username}
    >
      <Table.Td>
        <Group gap={6} wrap="nowrap">
          <Text
            size="sm"
            fw={600}
            c={account.active ? undefined : 'dimmed'}
            className={classes.nowrap}
          >
            {account.displayName}
          </Text>
          {isSelf && (
            <Badge size="xs" variant="default" tt="none" style={{ flex: 'none' }}>
              {t('admin.users.you')}
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed" ff="monospace">
          {account.username}
        </Text>
      </Table.Td>
      <Table.Td>
        <Badge color={ROLE_COLORS[account.role]} {...BADGE}>
          {t(`roles.${account.role}`)}
        </Badge>
      </Table.Td>
      <Table.Td className={classes.nowrap}>
        <Text size="sm" ff="monospace">
          {account.officeCode}
        </Text>
      </Table.Td>
      <Table.Td>
        <ProcedureBadges codes={account.procedureCodes} />
      </Table.Td>
      <Table.Td>
        <StatusBadges account={account} />
      </Table.Td>
      <Table.Td className={classes.numeric}>
        <Text size="sm" c={account.lastSignInAt ? undefined : 'dimmed'}>
          {account.lastSignInAt
            ? formatDateTime(account.lastSignInAt, language)
            : t('admin.users.neverSignedIn')}
        </Text>
      </Table.Td>
      {withDesks && (
        <Table.Td>
          <DesksUpToDate directory={account.directory} />
        </Table.Td>
      )}
      <Table.Td ta="right">
        <Menu position="bottom-end" withinPortal>
          <Menu.Target>
            <ActionIcon
              variant="subtle"
              color="gray"
              aria-label={t('admin.users.actionsFor', { name: account.displayName })}
              data-testid="user-actions"
            >
              <IconDots size={18} />
            </ActionIcon>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Item
              leftSection={<IconPencil size={16} />}
              onClick={() => onDialog({ kind: 'edit', account })}
              data-testid="user-edit"
            >
              {t('admin.users.edit')}
            </Menu.Item>
            <Menu.Item
              leftSection={<IconKey size={16} />}
              onClick={() => onDialog({ kind: 'reset', account })}
              data-testid="user-reset"
            >
              {t('admin.users.resetPassword')}
            </Menu.Item>
            {!isSelf && (
              <Menu.Item
                color={account.active ? 'red' : undefined}
                leftSection={
                  account.active ? <IconUserOff size={16} /> : <IconUserCheck size={16} />
                }
                onClick={() => onDialog({ kind: 'active', account })}
                data-testid="user-toggle-active"
              >
                {account.active ? t('admin.users.deactivate') : t('admin.users.reactivate')}
              </Menu.Item>
            )}
          </Menu.Dropdown>
        </Menu>
      </Table.Td>
    </Table.Tr>
  );
}

/** Staff accounts: who may sign in, with which role, for which procedures. */
export function UsersScreen() {
  const { t } = useTranslation();
  const language = useLanguage();
  const selfId = useSessionStore((state) => state.user?.id);
  const queryClient = useQueryClient();
  const users = useApiQuery('admin.users.list', {});
  const [dialog, setDialog] = useState<Dialog>(null);
  const withDesks = users.data?.some((account) => account.directory !== null) ?? false;

  /** The core's answer to a change replaces the account in the list: no refetch. */
  const saved = (account: UserAccount) => {
    queryClient.setQueryData<UserAccount[]>(apiKey('admin.users.list', {}), (list) =>
      list
        ?.filter((user) => user.id !== account.id)
        .concat(account)
        .sort(
          (a, b) =>
            Number(b.active) - Number(a.active) || a.displayName.localeCompare(b.displayName, 'fr'),
        ),
    );
    setDialog(null);
  };

  return (
    <div className={classes.screen} data-testid="admin-users">
      <AdminHeader title={t('admin.users.title')} subtitle={t('admin.users.subtitle')}>
        {users.data && (
          <Text size="sm" c="dimmed">
            {t('admin.users.count', {
              count: users.data.length,
              formatted: formatNumber(users.data.length, language),
            })}
          </Text>
        )}
        <Button
          leftSection={<IconUserPlus size={18} />}
          onClick={() => setDialog({ kind: 'create' })}
          data-testid="user-create"
        >
          {t('admin.users.create')}
        </Button>
      </AdminHeader>
      <div className={classes.scroll}>
        {users.isPending ? (
          <UsersSkeleton />
        ) : users.isError ? (
          <Center py={60} px="md">
            <RetryableError
              title={t('admin.users.loadError')}
              error={users.error}
              onRetry={() => void users.refetch()}
            />
          </Center>
        ) : users.data.length === 0 ? (
          <Center py={80}>
            <Text c="dimmed">{t('admin.users.empty')}</Text>
          </Center>
        ) : (
          <Table
            stickyHeader
            highlightOnHover
            miw={980}
            verticalSpacing="xs"
            horizontalSpacing="md"
            aria-label={t('admin.users.title')}
          >
            <Table.Thead>
              <Table.Tr className={classes.head}>
                <Table.Th>{t('admin.users.columns.name')}</Table.Th>
                <Table.Th w={190}>{t('admin.users.columns.role')}</Table.Th>
                <Table.Th w={80}>{t('admin.users.columns.office')}</Table.Th>
                <Table.Th>{t('admin.users.columns.procedures')}</Table.Th>
                <Table.Th w={200}>{t('admin.users.columns.status')}</Table.Th>
                <Table.Th w={160}>{t('admin.users.columns.lastSignIn')}</Table.Th>
                {withDesks && <Table.Th w={120}>{t('admin.users.columns.desks')}</Table.Th>}
                <Table.Th w={60}>
                  <VisuallyHidden>{t('admin.users.columns.actions')}</VisuallyHidden>
                </Table.Th>
              </Table.Tr>
            </Table.Thead>
            <Table.Tbody>
              {users.data.map((account) => (
                <AccountRow
                  key={account.id}
                  account={account}
                  isSelf={account.id === selfId}
                  withDesks={withDesks}
                  onDialog={setDialog}
                />
              ))}
            </Table.Tbody>
          </Table>
        )}
      </div>
      {dialog?.kind === 'create' && (
        <UserFormDialog account={null} onClose={() => setDialog(null)} onSaved={saved} />
      )}
      {dialog?.kind === 'edit' && (
        <UserFormDialog
          account={dialog.account}
          isSelf={dialog.account.id === selfId}
          onClose={() => setDialog(null)}
          onSaved={saved}
        />
      )}
      {dialog?.kind === 'reset' && (
        <ResetPasswordDialog
          account={dialog.account}
          onClose={() => setDialog(null)}
          onSaved={saved}
        />
      )}
      {dialog?.kind === 'active' && (
        <AccountActiveDialog
          account={dialog.account}
          onClose={() => setDialog(null)}
          onSaved={saved}
        />
      )}
    </div>
  );
}
