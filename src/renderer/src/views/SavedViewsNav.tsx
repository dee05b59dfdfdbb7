import { ActionIcon, Group, Menu, NavLink, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconBookmark, IconTrash } from '@tabler/icons-react';
import { memo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { SavedView } from '../../../shared/api/types';
import { ConfirmFormDialog } from '../components/ConfirmFormDialog';
import { queryKey } from '../inbox/inboxQuery';
import { navigate } from '../routing/useRoute';
import { NavSection } from '../shell/NavSection';
import classes from '../shell/QueueNav.module.css';
import { currentQuery, useInboxStore } from '../stores/inboxStore';
import { useRemoveView, useSavedViews } from './viewsQueries';

function apply(view: SavedView) {
  useInboxStore.getState().applyQuery(view.query);
  navigate({ view: 'inbox', queue: view.query.queue });
}

/** The clerk's saved views under the queues: click applies, the bin deletes after a confirmation. */
export const SavedViewsNav = memo(function SavedViewsNav({
  compact,
  onInbox,
}: {
  compact: boolean;
  onInbox: boolean;
}) {
  const { t } = useTranslation();
  const views = useSavedViews();
  const liveKey = useInboxStore((state) => queryKey(currentQuery(state)));
  const [removing, setRemoving] = useState<SavedView | null>(null);
  const remove = useRemoveView();

  const isActive = (view: SavedView) => onInbox && queryKey(view.query) === liveKey;

  const confirm = (
    <ConfirmFormDialog
      opened={removing !== null}
      title={t('views.removeTitle')}
      size="sm"
      mutation={remove}
      variables={removing && { id: removing.id }}
      onDone={() => {
        notifications.show({
          color: 'togo',
          message: t('views.removed', { name: removing?.name ?? '' }),
        });
        setRemoving(null);
      }}
      onClose={() => setRemoving(null)}
      cancelLabel={t('views.cancel')}
      initialFocus="cancel"
      submit={{ label: t('views.confirmRemove'), color: 'red' }}
      failureTestId="remove-view-error"
    >
      <Text size="sm">{t('views.removeBody', { name: removing?.name ?? '' })}</Text>
    </ConfirmFormDialog>
  );

  if (compact) {
    return (
      <NavSection title={t('views.title')} compact component="section">
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
      </NavSection>
    );
  }

  return (
    <NavSection title={t('views.title')} compact={false} component="section">
      {views.length === 0 && (
        <Text size="xs" c="dimmed" px={10}>
          {t('views.none')}
        </Text>
      )}
      {views.map((view) => (
        <Group key={view.id} gap={2} wrap="nowrap" data-testid="saved-view">
          <NavLink
            component="button"
            label={view.name}
            title={view.name}
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
    </NavSection>
  );
});
