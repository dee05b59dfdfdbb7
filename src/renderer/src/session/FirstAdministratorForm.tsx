import { Alert, Button, PasswordInput, Stack, Text, TextInput, Title } from '@mantine/core';
import { IconAlertTriangle, IconUserShield } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { errorMessage } from '../api/errorMessage';
import { newPasswordProblem } from './passwordRules';
import { useSessionChange } from './useSessionChange';

/** A new installation with no account: its first administrator, who then creates the others. */
export function FirstAdministratorForm() {
  const { t } = useTranslation();
  const [fields, setFields] = useState({
    displayName: '',
    username: '',
    officeCode: '',
    password: '',
    confirm: '',
  });
  const [touched, setTouched] = useState(false);
  const create = useSessionChange('session.createFirstAdministrator');
  const error = create.isError ? errorMessage(create.error, t('app.unexpectedError')) : null;
  const problem = newPasswordProblem(fields.password, fields.confirm);
  const field = (name: keyof typeof fields) => ({
    value: fields[name],
    onChange: (event: { currentTarget: { value: string } }) =>
      setFields({ ...fields, [name]: event.currentTarget.value }),
    required: true,
    error: touched && fields[name].trim() === '' ? t('session.validation.required') : undefined,
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (problem || Object.values(fields).some((value) => value.trim() === '')) return;
    if (create.isPending) return;
    create.mutate({
      username: fields.username,
      displayName: fields.displayName,
      officeCode: fields.officeCode,
      password: fields.password,
    });
  };

  return (
    <form aria-labelledby="first-admin-title" onSubmit={submit} noValidate>
      <Stack gap="md">
        <Title id="first-admin-title" order={2} size="h3">
          {t('session.firstAdministrator.title')}
        </Title>
        <Text size="sm">{t('session.firstAdministrator.intro')}</Text>
        {error && (
          <Alert color="red" icon={<IconAlertTriangle size={18} />} role="alert">
            {error}
          </Alert>
        )}
        <TextInput
          label={t('session.firstAdministrator.displayName')}
          autoComplete="name"
          {...field('displayName')}
        />
        <TextInput
          label={t('session.firstAdministrator.username')}
          autoComplete="username"
          autoCapitalize="none"
          spellCheck={false}
          {...field('username')}
        />
        <TextInput
          label={t('session.firstAdministrator.officeCode')}
          description={t('session.firstAdministrator.officeCodeHint')}
          maxLength={10}
          {...field('officeCode')}
        />
        <PasswordInput
          label={t('session.firstAdministrator.password')}
          description={t('session.changePassword.rule')}
          autoComplete="new-password"
          {...field('password')}
          error={touched && problem === 'tooShort' ? t('session.validation.tooShort') : undefined}
        />
        <PasswordInput
          label={t('session.firstAdministrator.confirm')}
          autoComplete="new-password"
          {...field('confirm')}
          error={touched && problem === 'mismatch' ? t('session.validation.mismatch') : undefined}
        />
        <Button type="submit" loading={create.isPending} leftSection={<IconUserShield size={18} />}>
          {t('session.firstAdministrator.submit')}
        </Button>
      </Stack>
    </form>
  );
}
