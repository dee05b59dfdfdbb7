import {
  Alert,
  Button,
  PasswordInput,
  SegmentedControl,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { IconAlertTriangle, IconUserShield } from '@tabler/icons-react';
import { useState, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DeskSummary } from '../../../shared/api/officeTypes';
import { errorMessage } from '../api/errorMessage';
import { JoinedOffice, JoinOfficeForm } from './JoinOfficeForm';
import { newPasswordProblem } from './passwordRules';
import { useSessionChange } from './useSessionChange';

type Setup = 'first' | 'join';

/**
 * A new installation with no account: « Premier poste du bureau » (its first administrator, who
 * then creates the others) or « Rejoindre un bureau » (an enrollment code; the office's accounts
 * arrive with the directory).
 */
export function FirstAdministratorForm() {
  const { t } = useTranslation();
  const [setup, setSetup] = useState<Setup>('first');
  const [joined, setJoined] = useState<DeskSummary | null>(null);
  return (
    <Stack gap="md">
      <Title id="first-admin-title" order={2} size="h3">
        {t('session.firstAdministrator.title')}
      </Title>
      {joined ? (
        <JoinedOffice desk={joined} />
      ) : (
        <>
          <Text size="sm" fw={500}>
            {t('session.setup.noOffice')}
          </Text>
          <SegmentedControl
            aria-label={t('session.setup.choice')}
            value={setup}
            onChange={(value) => setSetup(value as Setup)}
            fullWidth
            data={[
              {
                value: 'first',
                label: <span data-testid="setup-first">{t('session.setup.first')}</span>,
              },
              {
                value: 'join',
                label: <span data-testid="setup-join">{t('session.setup.join')}</span>,
              },
            ]}
          />
          {setup === 'first' ? <FirstDeskForm /> : <JoinOfficeForm onJoined={setJoined} />}
        </>
      )}
    </Stack>
  );
}

/** Today's first-start form: the first administrator of the office, created on this desk. */
function FirstDeskForm() {
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
    <form aria-label={t('session.setup.first')} onSubmit={submit} noValidate>
      <Stack gap="md">
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
