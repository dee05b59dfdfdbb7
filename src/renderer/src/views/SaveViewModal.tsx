import { Button, Group, Modal, Stack, Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxQuery } from '../../../shared/api/types';
import { errorMessage } from '../api/errorMessage';
import { useViewsStore } from '../stores/viewsStore';

/** Asks a name for the current queue + filters + sort + search, and saves it for this clerk. */
export function SaveViewModal({
  opened,
  query,
  onClose,
}: {
  opened: boolean;
  query: InboxQuery;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const [name, setName] = useState('');
  const [busy, setBusy] = useState(false);

  async function submit(event: FormEvent) {
    event.preventDefault();
    const trimmed = name.trim();
    if (!trimmed) return;
    setBusy(true);
    try {
      const view = await useViewsStore.getState().save(trimmed, query);
      notifications.show({ color: 'togo', message: t('views.saved', { name: view.name }) });
      setName('');
      onClose();
    } catch (error) {
      // The server's French message says why (a view of that name exists already…).
      notifications.show({
        color: 'red',
        title: t('views.saveFailed'),
        message: errorMessage(error, t('app.unexpectedError')),
      });
    } finally {
      setBusy(false);
    }
  }

  return (
    <Modal opened={opened} onClose={onClose} title={t('views.save')} size="sm">
      <form onSubmit={(event) => void submit(event)}>
        <Stack gap="sm">
          <TextInput
            label={t('views.name')}
            placeholder={t('views.namePlaceholder')}
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            maxLength={80}
            required
            data-autofocus
          />
          <Text size="xs" c="dimmed">
            {t('views.nameHint')}
          </Text>
          <Group justify="flex-end" gap="xs">
            <Button variant="default" onClick={onClose}>
              {t('views.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!name.trim()}>
              {t('views.confirmSave')}
            </Button>
          </Group>
        </Stack>
      </form>
    </Modal>
  );
}
