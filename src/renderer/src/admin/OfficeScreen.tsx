import {
  Alert,
  Button,
  Center,
  Group,
  NumberInput,
  Paper,
  Skeleton,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useQueryClient } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { OfficeSettings } from '../../../shared/api/adminTypes';
import type { NextCertificateNumber } from '../../../shared/api/certificateTypes';
import { formatCertificateNumber } from '../../../shared/domain/certificateNumber';
import { errorMessage } from '../api/errorMessage';
import { apiKey, useApiMutation, useApiQuery } from '../api/queries';
import { ClockInput } from '../forms/ClockInput';
import { useContractForm } from '../forms/useContractForm';
import { RetryableError } from '../shell/RetryableError';
import { AdminHeader } from './AdminHeader';
import classes from './AdminScreen.module.css';
import { MONOSPACE_INPUT } from './monospaceInput';

type Draft = Omit<OfficeSettings, 'code'>;

const draftOf = ({ code: _code, ...draft }: OfficeSettings): Draft => draft;
const sameDraft = (a: Draft, b: Draft) => JSON.stringify(a) === JSON.stringify(b);

/**
 * The number the next certificate would get, with the numbering code being typed: formatted as
 * the issuer formats real numbers. An enrolled desk numbers with the office code whatever the
 * numbering code.
 */
function exampleNumber(next: NextCertificateNumber | null | undefined, numberingCode: string) {
  if (!next) return '…';
  const office = next.numberedByDesk ? next.officeCode : numberingCode || '…';
  return formatCertificateNumber(next.prefix, next.year, office, next.seq);
}

function OfficeForm({ settings }: { settings: OfficeSettings }) {
  const { t } = useTranslation();
  const queryClient = useQueryClient();
  const [draft, setDraft] = useState<Draft>(() => draftOf(settings));
  const update = useApiMutation('admin.office.update', {
    onSuccess: (saved) => {
      notifications.show({ color: 'teal', message: t('admin.office.saved') });
      // The core's answer is what the screen shows from now on: no refetch.
      queryClient.setQueryData(apiKey('admin.office.get', {}), saved);
      setDraft(draftOf(saved));
    },
  });
  const busy = update.isPending;
  const edit = <K extends keyof Draft>(key: K, value: Draft[K]) =>
    setDraft((current) => ({ ...current, [key]: value }));
  // The settings arrive valid: a problem comes from an edit and is said at once, beside its field.
  const form = useContractForm({
    method: 'admin.office.update',
    input: draft,
    shows: (field) => field in draft,
    messageOf: (field) =>
      field === 'opensAt' || field === 'closesAt'
        ? t('forms.office.clock')
        : field in draft
          ? t(`forms.office.${field as Exclude<keyof Draft, 'opensAt' | 'closesAt'>}`)
          : undefined,
    rules: {
      closesAt: draft.closesAt <= draft.opensAt ? t('admin.office.closesBeforeOpens') : undefined,
    },
    refusal: { error: update.error, variables: update.variables },
    immediate: true,
  });
  const failure =
    update.isError && form.refusalUnplaced
      ? errorMessage(update.error, t('app.unexpectedError'))
      : null;
  const changed = !sameDraft(draft, draftOf(settings));
  const canSave = changed && !busy && form.valid;
  const nextNumber = useApiQuery('certificates.nextNumber', {});
  const numberedByDesk = nextNumber.data?.numberedByDesk === true;

  const save = () => {
    if (canSave) update.mutate(draft);
    else form.attempt();
  };

  return (
    <form
      noValidate
      onSubmit={(event) => {
        event.preventDefault();
        save();
      }}
    >
      <Paper withBorder radius="md" p="lg" maw={720}>
        <Stack gap="md">
          <Group grow align="flex-start">
            <TextInput
              label={t('admin.office.code')}
              description={t('admin.office.codeHint')}
              value={settings.code}
              disabled
              styles={MONOSPACE_INPUT}
            />
            <TextInput
              label={t('admin.office.numberingCode')}
              description={t(
                numberedByDesk ? 'admin.office.numberingByDesk' : 'admin.office.numberingHint',
                { example: exampleNumber(nextNumber.data, draft.numberingCode) },
              )}
              // An enrolled desk numbers from the portal's blocks with the office code: the code
              // typed here would change nothing, so it is not offered.
              disabled={numberedByDesk}
              required
              maxLength={10}
              value={draft.numberingCode}
              onChange={(event) => edit('numberingCode', event.currentTarget.value.toUpperCase())}
              error={form.errorOf('numberingCode')}
              styles={MONOSPACE_INPUT}
              data-testid="office-numbering"
            />
          </Group>
          <TextInput
            label={t('admin.office.name')}
            required
            maxLength={120}
            value={draft.name}
            onChange={(event) => edit('name', event.currentTarget.value)}
            error={form.errorOf('name')}
            data-testid="office-name"
          />
          <TextInput
            label={t('admin.office.region')}
            required
            maxLength={60}
            value={draft.region}
            onChange={(event) => edit('region', event.currentTarget.value)}
            error={form.errorOf('region')}
            data-testid="office-region"
          />
          <div>
            <Title order={3} size="sm" fw={600} mb={6}>
              {t('admin.office.hours')}
            </Title>
            <Group align="flex-start">
              <ClockInput
                label={t('admin.office.opensAt')}
                value={draft.opensAt}
                onChange={(time) => edit('opensAt', time)}
                error={form.errorOf('opensAt')}
                w={140}
                data-testid="office-opens"
              />
              <ClockInput
                label={t('admin.office.closesAt')}
                value={draft.closesAt}
                onChange={(time) => edit('closesAt', time)}
                error={form.errorOf('closesAt')}
                w={220}
                data-testid="office-closes"
              />
            </Group>
          </div>
          <NumberInput
            label={t('admin.office.lockAfter')}
            description={t('admin.office.lockAfterHint')}
            min={1}
            max={240}
            allowDecimal={false}
            value={draft.lockAfterMinutes}
            onChange={(value) => edit('lockAfterMinutes', typeof value === 'number' ? value : NaN)}
            error={form.errorOf('lockAfterMinutes')}
            w={320}
            data-testid="office-lock"
          />
          {failure && (
            <Alert color="red" variant="light" role="alert">
              <Text size="sm">{failure}</Text>
            </Alert>
          )}
          <Group justify="flex-end" gap="sm">
            <Button
              variant="default"
              disabled={!changed || busy}
              onClick={() => setDraft(draftOf(settings))}
            >
              {t('admin.cancel')}
            </Button>
            <Button type="submit" loading={busy} disabled={!changed} data-testid="office-save">
              {t('admin.save')}
            </Button>
          </Group>
        </Stack>
      </Paper>
    </form>
  );
}

/** The office's identity, opening hours and idle lock delay. */
export function OfficeScreen() {
  const { t } = useTranslation();
  const office = useApiQuery('admin.office.get', {});
  return (
    <div className={classes.screen} data-testid="admin-office">
      <AdminHeader title={t('admin.office.title')} subtitle={t('admin.office.subtitle')} />
      <div className={classes.scroll}>
        <Stack px="md" pb="xl">
          {office.isPending ? (
            <Stack gap="md" maw={720} aria-busy="true">
              {Array.from({ length: 5 }, (_, index) => (
                <Skeleton key={index} height={56} radius="sm" />
              ))}
            </Stack>
          ) : office.isError ? (
            <Center py={60}>
              <RetryableError
                title={t('admin.office.loadError')}
                error={office.error}
                onRetry={() => void office.refetch()}
              />
            </Center>
          ) : (
            <OfficeForm settings={office.data} />
          )}
        </Stack>
      </div>
    </div>
  );
}
