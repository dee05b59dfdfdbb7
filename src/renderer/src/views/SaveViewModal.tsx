import { Text, TextInput } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxQuery } from '../../../shared/api/types';
import { ConfirmFormDialog } from '../components/ConfirmFormDialog';
import { useSaveView } from './viewsQueries';

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
  const save = useSaveView();
  const trimmed = name.trim();

  return (
    <ConfirmFormDialog
      opened={opened}
      title={t('views.save')}
      size="sm"
      testId="save-view-dialog"
      mutation={save}
      variables={trimmed ? { name: trimmed, query } : null}
      onDone={(view) => {
        notifications.show({ color: 'togo', message: t('views.saved', { name: view.name }) });
        setName('');
        onClose();
      }}
      onClose={onClose}
      cancelLabel={t('views.cancel')}
      initialFocus="content"
      submit={{ label: t('views.confirmSave') }}
      // The core's French message says why (a view of that name exists already…).
      failureTestId="save-view-error"
    >
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
    </ConfirmFormDialog>
  );
}
