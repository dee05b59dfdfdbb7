import { Alert, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { UserAccount } from '../../../shared/api/adminTypes';
import { useApiMutation } from '../api/queries';
import { ConfirmFormDialog } from '../components/ConfirmFormDialog';

/** Deactivates or reactivates an account, after saying what that changes for the person. */
export function AccountActiveDialog(props: {
  account: UserAccount;
  onClose: () => void;
  onSaved: (account: UserAccount) => void;
}) {
  const { account } = props;
  const { t } = useTranslation();
  const update = useApiMutation('admin.users.update');
  const deactivating = account.active;
  const name = account.displayName;
  const messages = deactivating
    ? {
        title: t('admin.users.deactivateDialog.title', { name }),
        what: t('admin.users.deactivateDialog.what', { name }),
        confirm: t('admin.users.deactivateDialog.confirm'),
        done: t('admin.users.deactivateDialog.done', { name }),
      }
    : {
        title: t('admin.users.reactivateDialog.title', { name }),
        what: t('admin.users.reactivateDialog.what', { name, role: t(`roles.${account.role}`) }),
        confirm: t('admin.users.reactivateDialog.confirm'),
        done: t('admin.users.reactivateDialog.done', { name }),
      };

  return (
    <ConfirmFormDialog
      title={messages.title}
      testId="active-dialog"
      mutation={update}
      variables={{ id: account.id, active: !deactivating }}
      onDone={(saved) => {
        notifications.show({ color: deactivating ? 'orange' : 'teal', message: messages.done });
        props.onSaved(saved);
      }}
      onClose={props.onClose}
      cancelLabel={t('admin.cancel')}
      submit={{
        label: messages.confirm,
        color: deactivating ? 'red' : 'teal',
        testId: 'active-confirm',
      }}
      initialFocus="cancel"
    >
      <Alert
        variant="light"
        color={deactivating ? 'orange' : 'blue'}
        icon={deactivating ? <IconAlertTriangle /> : <IconInfoCircle />}
      >
        <Text size="sm">{messages.what}</Text>
        {deactivating && (
          <Text size="sm" mt={4}>
            {t('admin.users.deactivateDialog.reversible')}
          </Text>
        )}
      </Alert>
    </ConfirmFormDialog>
  );
}
