import { Alert, Button, Select, Stack, Text, TextInput } from '@mantine/core';
import { IconAlertTriangle, IconCircleCheck, IconPlugConnected } from '@tabler/icons-react';
import { useState, type CSSProperties, type FormEvent } from 'react';
import { useTranslation } from 'react-i18next';
import { ApiCallError } from '../../../shared/api/client';
import type { DeskSummary } from '../../../shared/api/officeTypes';
import { OFFICES } from '../../../shared/domain/offices';
import { errorMessage } from '../api/errorMessage';
import { useApiMutation } from '../api/queries';
import { useSessionStore } from '../stores/sessionStore';

const MONOSPACE = { input: { fontFamily: 'var(--mantine-font-family-monospace)' } } as const;

/** A refusal under the code is read, not glanced at: a red dark enough for small text (WCAG AA). */
const READABLE_ERRORS = {
  '--mantine-color-error': 'light-dark(var(--mantine-color-red-8), var(--mantine-color-red-4))',
} as CSSProperties;

/** `k7qf m2xd-94tb` → `K7QF-M2XD-94TB`; null unless 12 letters or digits (dashes and spaces aside). */
export function enrollmentCode(typed: string): string | null {
  const bare = typed.replace(/[\s-]/g, '').toUpperCase();
  if (!/^[0-9A-Z]{12}$/.test(bare)) return null;
  return `${bare.slice(0, 4)}-${bare.slice(4, 8)}-${bare.slice(8)}`;
}

/** A refusal about the code (unknown, expired, used, too many tries) is said beside the code. */
const aboutTheCode = (error: unknown) =>
  error instanceof ApiCallError && (error.code === 'conflict' || error.code === 'invalid_input');

/** A new desk, with no account yet, joins its office with the one-time code an administrator gave. */
export function JoinOfficeForm({ onJoined }: { onJoined: (desk: DeskSummary) => void }) {
  const { t } = useTranslation();
  const [officeCode, setOfficeCode] = useState<string | null>(null);
  const [code, setCode] = useState('');
  const [label, setLabel] = useState<string>(() => t('session.join.labelDefault'));
  const [touched, setTouched] = useState(false);
  const join = useApiMutation('office.join');

  const canonical = enrollmentCode(code);
  const trimmed = label.trim();
  const labelWrong = trimmed.length < 1 || trimmed.length > 60;
  const failure = join.isError ? errorMessage(join.error, t('app.unexpectedError')) : null;
  const codeFailure = failure !== null && aboutTheCode(join.error) ? failure : null;
  const otherFailure = failure !== null && codeFailure === null ? failure : null;

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setTouched(true);
    if (join.isPending || officeCode === null || canonical === null || labelWrong) return;
    join.mutate({ officeCode, code: canonical, label: trimmed }, { onSuccess: onJoined });
  };

  return (
    <form aria-label={t('session.setup.join')} onSubmit={submit} noValidate style={READABLE_ERRORS}>
      <Stack gap="md">
        <Text size="sm">{t('session.setup.joinIntro')}</Text>
        {otherFailure && (
          <Alert
            color="red"
            icon={<IconAlertTriangle size={18} />}
            title={t('session.join.failed')}
            role="alert"
            data-testid="join-error"
          >
            {otherFailure}
          </Alert>
        )}
        <Select
          label={t('session.join.office')}
          placeholder={t('session.join.officePlaceholder')}
          data={OFFICES.map((office) => ({
            value: office.code,
            label: `${office.code} — ${office.name}`,
          }))}
          value={officeCode}
          onChange={setOfficeCode}
          allowDeselect={false}
          required
          error={touched && officeCode === null ? t('session.validation.required') : undefined}
          data-testid="join-office"
        />
        <TextInput
          label={t('session.join.code')}
          description={t('session.join.codeHint')}
          placeholder="K7QF-M2XD-94TB"
          value={code}
          onChange={(event) => setCode(event.currentTarget.value.toUpperCase())}
          maxLength={16}
          required
          autoComplete="off"
          autoCapitalize="characters"
          spellCheck={false}
          styles={MONOSPACE}
          error={
            codeFailure ?? (touched && canonical === null ? t('session.join.codeWrong') : undefined)
          }
          errorProps={{ 'data-testid': 'join-code-error', role: 'alert' }}
          data-testid="join-code"
        />
        <TextInput
          label={t('session.join.label')}
          description={t('session.join.labelHint')}
          value={label}
          maxLength={60}
          onChange={(event) => setLabel(event.currentTarget.value)}
          required
          error={touched && labelWrong ? t('session.join.labelWrong') : undefined}
          data-testid="join-label"
        />
        <Button
          type="submit"
          loading={join.isPending}
          leftSection={<IconPlugConnected size={18} />}
          data-testid="join-submit"
        >
          {t('session.join.submit')}
        </Button>
      </Stack>
    </form>
  );
}

/** After joining: no account here yet; they arrive with the office directory at the next sync. */
export function JoinedOffice({ desk }: { desk: DeskSummary }) {
  const { t } = useTranslation();
  const [busy, setBusy] = useState(false);
  const proceed = () => {
    setBusy(true);
    // The core now says « signed out, no first administrator needed »: the sign-in form shows.
    const store = useSessionStore.getState();
    store
      .refresh()
      .catch(() => store.load())
      .finally(() => setBusy(false));
  };
  return (
    <Stack gap="md" data-testid="join-done">
      <Alert
        color="teal"
        variant="light"
        icon={<IconCircleCheck size={18} />}
        title={t('session.join.doneTitle')}
      >
        <Text size="sm" data-testid="join-done-text">
          {t('session.join.done', { desk: desk.deskId ?? '', office: desk.officeCode })}
        </Text>
      </Alert>
      <Button onClick={proceed} loading={busy} data-autofocus autoFocus data-testid="join-continue">
        {t('session.join.continue')}
      </Button>
    </Stack>
  );
}
