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
import { useApiMutation, useApiQuery } from '../api/queries';
import { ConfirmFormDialog } from '../components/ConfirmFormDialog';
import { useContractForm } from '../forms/useContractForm';
import { useLanguage } from '../shell/useLanguage';
import { useSessionStore } from '../stores/sessionStore';
import { MONOSPACE_INPUT } from './monospaceInput';
import { generateTemporaryPassword } from './temporaryPassword';

/** The fields this form shows, as the contract names them. */
const FIELDS = new Set([
  'displayName',
  'username',
  'role',
  'officeCode',
  'procedureCodes',
  'temporaryPassword',
]);

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
  // A new account defaults to this installation's office (a Kara desk creates Kara's staff).
  const installation = useApiQuery('admin.office.get', {});
  const [officeChoice, setOfficeCode] = useState<string | null>(account?.officeCode ?? null);
  const officeCode = officeChoice ?? installation.data?.code ?? 'LOM';
  const [allProcedures, setAllProcedures] = useState(
    account ? account.procedureCodes === null : true,
  );
  const [codes, setCodes] = useState<string[]>(account?.procedureCodes ?? []);
  const [password, setPassword] = useState(() => (account ? '' : generateTemporaryPassword()));
  const create = useApiMutation('admin.users.create');
  const update = useApiMutation('admin.users.update');

  const proceduresMissing = !allProcedures && codes.length === 0;
  const procedureCodes = allProcedures ? null : codes;
  const fields = {
    displayName: displayName.trim(),
    role,
    officeCode,
    procedureCodes,
  };
  const input = account
    ? { id: account.id, ...fields }
    : { username: username.trim(), temporaryPassword: password, ...fields };
  const mutation = account ? update : create;
  // The contract's rules for each field, said beside it; the core's refusal of one, beside it too.
  const form = useContractForm({
    method: account ? 'admin.users.update' : 'admin.users.create',
    input,
    shows: (field) => FIELDS.has(field),
    messageOf: (field) =>
      field === 'displayName' || field === 'username' || field === 'temporaryPassword'
        ? t(`forms.user.${field}`)
        : undefined,
    rules: {
      procedureCodes: proceduresMissing ? t('admin.users.form.proceduresRequired') : undefined,
    },
    refusal: { error: mutation.error, variables: mutation.variables },
  });
  const complete = form.valid;
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
    onInvalidSubmit: form.attempt,
    failureShownInForm: !form.refusalUnplaced,
  };
  const fieldsShown = (
    <>
      <TextInput
        label={t('admin.users.form.displayName')}
        placeholder={t('admin.users.form.displayNamePlaceholder')}
        required
        maxLength={120}
        value={displayName}
        onChange={(event) => setDisplayName(event.currentTarget.value)}
        onBlur={form.touch('displayName')}
        error={form.errorOf('displayName')}
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
        onBlur={form.touch('username')}
        error={form.errorOf('username')}
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
          error={form.errorOf('role')}
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
          error={form.errorOf('officeCode')}
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
            onBlur={form.touch('procedureCodes')}
            error={form.errorOf('procedureCodes')}
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
            onBlur={form.touch('temporaryPassword')}
            error={form.errorOf('temporaryPassword')}
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
      {fieldsShown}
    </ConfirmFormDialog>
  ) : (
    <ConfirmFormDialog
      {...dialog}
      mutation={create}
      variables={
        complete ? { username: username.trim(), temporaryPassword: password, ...fields } : null
      }
    >
      {fieldsShown}
    </ConfirmFormDialog>
  );
}
