import {
  Alert,
  Button,
  Checkbox,
  Group,
  MultiSelect,
  PasswordInput,
  Select,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconInfoCircle } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { UserAccount } from '../../../shared/api/adminTypes';
import { OFFICES } from '../../../shared/domain/offices';
import { ROLES, type Role } from '../../../shared/domain/roles';
import { useApiMutation } from '../api/queries';
import { ConfirmFormDialog } from '../components/ConfirmFormDialog';
import { useLanguage } from '../shell/useLanguage';
import { useSessionStore } from '../stores/sessionStore';
import { MONOSPACE_INPUT } from './monospaceInput';
import { generateTemporaryPassword } from './temporaryPassword';

const MIN_PASSWORD = 10;

/** Creates an account (with a temporary password) or edits one's name, role, office, procedures. */
export function UserFormDialog(props: {
  account: UserAccount | null;
  isSelf?: boolean;
  onClose: () => void;
  onSaved: (account: UserAccount) => void;
}) {
  const { account, isSelf = false } = props;
  const { t } = useTranslation();
  const language = useLanguage();
  const procedures = useSessionStore((state) => state.procedures);
  const [displayName, setDisplayName] = useState(account?.displayName ?? '');
  const [username, setUsername] = useState(account?.username ?? '');
  const [role, setRole] = useState<Role>(account?.role ?? 'agent');
  const [officeCode, setOfficeCode] = useState(account?.officeCode ?? 'LOM');
  const [allProcedures, setAllProcedures] = useState(
    account ? account.procedureCodes === null : true,
  );
  const [codes, setCodes] = useState<string[]>(account?.procedureCodes ?? []);
  const [password, setPassword] = useState(() => (account ? '' : generateTemporaryPassword()));
  const create = useApiMutation('admin.users.create');
  const update = useApiMutation('admin.users.update');

  const proceduresMissing = !allProcedures && codes.length === 0;
  const complete =
    displayName.trim().length >= 2 &&
    (account !== null || (username.trim().length >= 3 && password.length >= MIN_PASSWORD)) &&
    !proceduresMissing;
  const procedureCodes = allProcedures ? null : codes;
  const fields = {
    displayName: displayName.trim(),
    role,
    officeCode,
    procedureCodes,
  };
  const done = (saved: UserAccount) => {
    notifications.show({
      color: 'teal',
      message: account
        ? t('admin.users.form.updated', { name: saved.displayName })
        : t('admin.users.form.created', { username: saved.username }),
    });
    props.onSaved(saved);
  };
  const dialog = {
    title: account
      ? t('admin.users.form.editTitle', { name: account.displayName })
      : t('admin.users.form.createTitle'),
    testId: 'user-form',
    onDone: done,
    onClose: props.onClose,
    cancelLabel: t('admin.cancel'),
    submit: {
      label: account ? t('admin.save') : t('admin.users.form.create'),
      testId: 'user-save',
    },
    failureTestId: 'user-form-error',
  };
  const form = (
    <>
      <TextInput
        label={t('admin.users.form.displayName')}
        placeholder={t('admin.users.form.displayNamePlaceholder')}
        required
        maxLength={120}
        value={displayName}
        onChange={(event) => setDisplayName(event.currentTarget.value)}
        data-autofocus
        data-testid="user-display-name"
      />
      <TextInput
        label={t('admin.users.form.username')}
        description={
          account ? t('admin.users.form.usernameFixed') : t('admin.users.form.usernameHint')
        }
        required={!account}
        disabled={account !== null}
        maxLength={64}
        value={username}
        onChange={(event) => setUsername(event.currentTarget.value.toLowerCase())}
        styles={MONOSPACE_INPUT}
        autoComplete="off"
        data-testid="user-username"
      />
      <Group grow align="flex-start">
        <Select
          label={t('admin.users.form.role')}
          data={ROLES.map((value) => ({ value, label: t(`roles.${value}`) }))}
          value={role}
          onChange={(value) => value && setRole(value as Role)}
          allowDeselect={false}
          disabled={isSelf}
          data-testid="user-role"
        />
        <Select
          label={t('admin.users.form.office')}
          data={OFFICES.map((office) => ({
            value: office.code,
            label: `${office.code} — ${office.name}`,
          }))}
          value={officeCode}
          onChange={(value) => value && setOfficeCode(value)}
          allowDeselect={false}
          data-testid="user-office"
        />
      </Group>
      {isSelf && (
        <Alert variant="light" color="blue" icon={<IconInfoCircle />}>
          <Text size="sm">{t('admin.users.form.selfNote')}</Text>
        </Alert>
      )}
      <Stack gap={6}>
        <Checkbox
          label={t('admin.users.form.allProcedures')}
          checked={allProcedures}
          onChange={(event) => setAllProcedures(event.currentTarget.checked)}
          data-testid="user-all-procedures"
        />
        {!allProcedures && (
          <MultiSelect
            label={t('admin.users.form.procedures')}
            placeholder={codes.length === 0 ? t('admin.users.form.proceduresPlaceholder') : ''}
            data={procedures.map((procedure) => ({
              value: procedure.code,
              label: `${procedure.code} — ${procedure.shortTitle[language]}`,
            }))}
            value={codes}
            onChange={setCodes}
            searchable
            error={proceduresMissing ? t('admin.users.form.proceduresRequired') : undefined}
            data-testid="user-procedures"
          />
        )}
      </Stack>
      {!account && (
        <Group align="flex-end" gap="xs" wrap="nowrap">
          <PasswordInput
            style={{ flex: 1 }}
            label={t('admin.users.form.temporaryPassword')}
            description={t('admin.users.form.temporaryHint')}
            required
            visible
            value={password}
            onChange={(event) => setPassword(event.currentTarget.value)}
            error={
              password.length > 0 && password.length < MIN_PASSWORD
                ? t('admin.users.form.temporaryHint')
                : undefined
            }
            styles={MONOSPACE_INPUT}
            autoComplete="new-password"
            data-testid="user-password"
          />
          <Button variant="default" onClick={() => setPassword(generateTemporaryPassword())}>
            {t('admin.users.form.generate')}
          </Button>
        </Group>
      )}
    </>
  );

  return account ? (
    <ConfirmFormDialog
      {...dialog}
      mutation={update}
      variables={complete ? { id: account.id, ...fields } : null}
    >
      {form}
    </ConfirmFormDialog>
  ) : (
    <ConfirmFormDialog
      {...dialog}
      mutation={create}
      variables={
        complete ? { username: username.trim(), temporaryPassword: password, ...fields } : null
      }
    >
      {form}
    </ConfirmFormDialog>
  );
}
