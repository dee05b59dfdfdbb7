import { Alert, Button, Group, PasswordInput, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserAccount } from '../../../shared/api/adminTypes';
import { useApiMutation } from '../api/queries';
import { useContractForm } from '../forms/useContractForm';
import { ConfirmFormDialog } from '../components/ConfirmFormDialog';
import { formatSince } from '../format/dates';
import { useLanguage } from '../shell/useLanguage';
import { useNow } from '../shell/useNow';
import { MONOSPACE_INPUT } from './monospaceInput';
import { generateTemporaryPassword } from './temporaryPassword';

/** Sets a temporary password: says it replaces the current one, lifts a lock-out, forces a change. */
export function ResetPasswordDialog(props: {
  account: UserAccount;
  onClose: () => void;
  onSaved: (account: UserAccount) => void;
}) {
  const { account } = props;
  const { t } = useTranslation();
  const language = useLanguage();
  const now = useNow();
  const reset = useApiMutation('admin.users.resetPassword');
  const [password, setPassword] = useState(generateTemporaryPassword);
  const name = account.displayName;
  const input = { id: account.id, temporaryPassword: password };
  const form = useContractForm({
    method: 'admin.users.resetPassword',
    input,
    shows: (field) => field === 'temporaryPassword',
    messageOf: (field) =>
      field === 'temporaryPassword' ? t('forms.user.temporaryPassword') : undefined,
    refusal: { error: reset.error, variables: reset.variables },
  });

  return (
    <ConfirmFormDialog
      title={t('admin.users.reset.title', { name })}
      testId="reset-dialog"
      mutation={reset}
      variables={form.valid ? input : null}
      onInvalidSubmit={form.attempt}
      failureShownInForm={!form.refusalUnplaced}
      onDone={(saved) => {
        notifications.show({ color: 'teal', message: t('admin.users.reset.done', { name }) });
        props.onSaved(saved);
      }}
      onClose={props.onClose}
      cancelLabel={t('admin.cancel')}
      submit={{ label: t('admin.users.reset.confirm'), color: 'orange', testId: 'reset-confirm' }}
    >
      <Alert variant="light" color="orange" icon={<IconAlertTriangle />}>
        <Text size="sm">{t('admin.users.reset.what', { name })}</Text>
        {account.lockedUntil && (
          <Text size="sm" fw={600} mt={4}>
            {t('admin.users.reset.lockLifted', {
              name,
              time: formatSince(account.lockedUntil, now, language),
            })}
          </Text>
        )}
      </Alert>
      <Group align="flex-end" gap="xs" wrap="nowrap">
        <PasswordInput
          style={{ flex: 1 }}
          label={t('admin.users.form.temporaryPassword')}
          description={t('admin.users.form.temporaryHint')}
          required
          visible
          value={password}
          onChange={(event) => setPassword(event.currentTarget.value)}
          onBlur={form.touch('temporaryPassword')}
          error={form.errorOf('temporaryPassword')}
          styles={MONOSPACE_INPUT}
          autoComplete="new-password"
          data-autofocus
          data-testid="reset-password"
        />
        <Button variant="default" onClick={() => setPassword(generateTemporaryPassword())}>
          {t('admin.users.form.generate')}
        </Button>
      </Group>
    </ConfirmFormDialog>
  );
}
