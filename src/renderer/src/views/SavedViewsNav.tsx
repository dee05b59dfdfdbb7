import {
  ActionIcon,
  Button,
  Group,
  Menu,
  Modal,
  NavLink,
  Stack,
  Text,
  Tooltip,
  UnstyledButton,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBookmark, IconTrash } from '@tabler/icons-react';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SavedView } from '../../../shared/api/types';
import { errorMessage } from '../api/errorMessage';
import { queryKey } from '../inbox/inboxQuery';
import { navigate } from '../routing/useRoute';
import classes from '../shell/QueueNav.module.css';
import { currentQuery, useInboxStore } from '../stores/inboxStore';
import { useViewsStore } from '../stores/viewsStore';

function apply(view: SavedView) {
  useInboxStore.getState().applyQuery(view.query);
  navigate({ view: 'inbox', queue: view.query.queue });
}

/** The clerk's saved views under the queues: click applies, the bin deletes after a confirmation. */
export function SavedViewsNav({ compact, onInbox }: { compact: boolean; onInbox: boolean }) {
  const { t } = useTranslation();
  const views = useViewsStore((state) => state.views);
  const liveKey = useInboxStore((state) => queryKey(currentQuery(state)));
  const [removing, setRemoving] = useState<SavedView | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    void useViewsStore.getState().load();
  }, []);

  async function confirmRemove() {
    if (!removing) return;
    setBusy(true);
    try {
      await useViewsStore.getState().remove(removing.id);
      notifications.show({ color: 'togo', message: t('views.removed', { name: removing.name }) });
      setRemoving(null);
    } catch (error) {
      notifications.show({
        color: 'red',
        title: t('views.removeFailed'),
        message: errorMessage(error, t('app.unexpectedError')),
      });
    } finally {
      setBusy(false);
    }
  }

  const isActive = (view: SavedView) => onInbox && queryKey(view.query) === liveKey;

  const confirm = (
    <Modal
      opened={removing !== null}
      onClose={() => setRemoving(null)}
      title={t('views.removeTitle')}
      size="sm"
    >
      <Stack gap="md">
        <Text size="sm">{t('views.removeBody', { name: removing?.name ?? '' })}</Text>
        <Group justify="flex-end" gap="xs">
          <Button variant="default" onClick={() => setRemoving(null)} data-autofocus>
            {t('views.cancel')}
          </Button>
          <Button color="red" loading={busy} onClick={() => void confirmRemove()}>
            {t('views.confirmRemove')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );

  if (compact) {
    return (
      <>
        <Menu position="right-start" width={240} withinPortal>
          <Menu.Target>
            <Tooltip label={t('views.title')} position="right" withArrow>
              <UnstyledButton className={classes.compact} aria-label={t('views.title')}>
                <IconBookmark size={20} stroke={1.6} />
              </UnstyledButton>
            </Tooltip>
          </Menu.Target>
          <Menu.Dropdown>
            <Menu.Label>{t('views.title')}</Menu.Label>
            {views.length === 0 && <Menu.Item disabled>{t('views.none')}</Menu.Item>}
            {views.map((view) => (
              <Menu.Item key={view.id} onClick={() => apply(view)}>
                {view.name}
              </Menu.Item>
            ))}
          </Menu.Dropdown>
        </Menu>
        {confirm}
      </>
    );
  }

  return (
    <Stack gap={2} mt="lg" component="section" aria-label={t('views.title')}>
      <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pb={4}>
        {t('views.title')}
      </Text>
      {views.length === 0 && (
        <Text size="xs" c="dimmed" px="sm">
          {t('views.none')}
        </Text>
      )}
      {views.map((view) => (
        <Group key={view.id} gap={2} wrap="nowrap" data-testid="saved-view">
          <NavLink
            component="button"
            label={view.name}
            leftSection={<IconBookmark size={16} stroke={1.6} />}
            active={isActive(view)}
            aria-current={isActive(view) ? 'true' : undefined}
            variant="light"
            onClick={() => apply(view)}
            classNames={{ label: classes.label }}
            style={{ flex: 1, minWidth: 0 }}
          />
          <Tooltip label={t('views.remove', { name: view.name })} openDelay={400}>
            <ActionIcon
              size="md"
              variant="subtle"
              color="gray"
              aria-label={t('views.remove', { name: view.name })}
              onClick={() => setRemoving(view)}
            >
              <IconTrash size={14} stroke={1.6} />
            </ActionIcon>
          </Tooltip>
        </Group>
      ))}
      {confirm}
    </Stack>
  );
}
