import {
  ActionIcon,
  Alert,
  Button,
  CopyButton,
  Group,
  Modal,
  Paper,
  Stack,
  Text,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { IconCheck, IconCopy, IconHourglassEmpty } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { EnrollmentCode } from '../../../shared/api/officeTypes';
import { errorMessage } from '../api/errorMessage';
import { useApiMutation } from '../api/queries';
import { formatSince } from '../format/dates';
import { useLanguage } from '../shell/useLanguage';
import { useNow } from '../shell/useNow';

/** « 29:59 »: what is left of a code's 30 minutes. */
function minutesSeconds(milliseconds: number): string {
  const seconds = Math.max(0, Math.ceil(milliseconds / 1000));
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${pad(Math.floor(seconds / 60))}:${pad(seconds % 60)}`;
}

/** The code, once: large enough to read out, with its countdown and a copy button. */
function IssuedCode({
  issued,
  officeCode,
  onAnother,
}: {
  issued: EnrollmentCode;
  officeCode: string;
  onAnother: () => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const now = useNow(1000);
  const left = Date.parse(issued.expiresAt) - now;
  const expired = left <= 0;
  return (
    <Stack gap="sm">
      <Text size="sm" fw={600}>
        {t('admin.desks.code.forDesk', { label: issued.label })}
      </Text>
      <Paper withBorder radius="md" p="md">
        <Group justify="center" gap="sm" wrap="nowrap">
          <Text
            ff="monospace"
            fz={34}
            fw={700}
            lts={2}
            c={expired ? 'dimmed' : undefined}
            td={expired ? 'line-through' : undefined}
            data-testid="enrollment-code"
          >
            {issued.code}
          </Text>
          {!expired && (
            <CopyButton value={issued.code} timeout={1500}>
              {({ copied, copy }) => (
                <Tooltip
                  label={copied ? t('admin.desks.code.copied') : t('admin.desks.code.copy')}
                  withArrow
                >
                  <ActionIcon
                    variant="subtle"
                    color={copied ? 'togo' : 'gray'}
                    size="lg"
                    onClick={copy}
                    aria-label={t('admin.desks.code.copy')}
                    data-testid="enrollment-code-copy"
                  >
                    {copied ? <IconCheck size={20} /> : <IconCopy size={20} />}
                  </ActionIcon>
                </Tooltip>
              )}
            </CopyButton>
          )}
        </Group>
        <Text size="sm" c="dimmed" ta="center" mt={4}>
          {t('admin.desks.code.validity', {
            office: officeCode,
            time: formatSince(issued.expiresAt, now, language),
          })}
        </Text>
      </Paper>
      {expired ? (
        <Alert
          color="orange"
          variant="light"
          icon={<IconHourglassEmpty />}
          data-testid="enrollment-countdown"
        >
          <Group justify="space-between" gap="sm">
            <Text size="sm" fw={600}>
              {t('admin.desks.code.expired')}
            </Text>
            <Button size="xs" variant="light" color="orange" onClick={onAnother}>
              {t('admin.desks.code.another')}
            </Button>
          </Group>
        </Alert>
      ) : (
        <Text
          size="sm"
          ta="center"
          style={{ fontVariantNumeric: 'tabular-nums' }}
          data-testid="enrollment-countdown"
          aria-live="off"
        >
          {t('admin.desks.code.remaining', { time: minutesSeconds(left) })}
        </Text>
      )}
      <Text size="sm">{t('admin.desks.code.howTo', { office: officeCode })}</Text>
    </Stack>
  );
}

/** « Inscrire un nouveau poste »: a label, then a one-time code for the new desk. */
export function EnrollmentCodeDialog(props: { officeCode: string; onClose: () => void }) {
  const { t } = useTranslation();
  const [label, setLabel] = useState('');
  const [issued, setIssued] = useState<EnrollmentCode | null>(null);
  const issue = useApiMutation('office.issueCode', { onSuccess: setIssued });
  const trimmed = label.trim();
  const canIssue = trimmed.length >= 1 && trimmed.length <= 60 && !issue.isPending;
  const busy = issue.isPending;
  const failure = issue.isError ? errorMessage(issue.error, t('app.unexpectedError')) : null;
  const close = () => {
    if (!busy) props.onClose();
  };

  return (
    <Modal
      opened
      onClose={close}
      closeOnEscape={!busy}
      closeOnClickOutside={false}
      title={t('admin.desks.code.title')}
      size="lg"
      data-testid="enrollment-dialog"
    >
      {issued ? (
        <Stack gap="md">
          <IssuedCode
            issued={issued}
            officeCode={props.officeCode}
            onAnother={() => {
              issue.reset();
              setIssued(null);
            }}
          />
          <Group justify="flex-end">
            <Button variant="default" onClick={close} data-autofocus>
              {t('admin.desks.code.close')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <form
          onSubmit={(event) => {
            event.preventDefault();
            if (canIssue) issue.mutate({ label: trimmed });
          }}
        >
          <Stack gap="md">
            <Text size="sm">{t('admin.desks.code.what', { office: props.officeCode })}</Text>
            <TextInput
              label={t('admin.desks.code.label')}
              description={t('admin.desks.code.labelHint')}
              placeholder={t('admin.desks.code.labelPlaceholder')}
              value={label}
              maxLength={60}
              onChange={(event) => setLabel(event.currentTarget.value)}
              data-autofocus
              data-testid="enrollment-label"
            />
            {failure !== null && (
              <Alert color="red" variant="light" role="alert" data-testid="enrollment-error">
                <Text size="sm">{failure}</Text>
              </Alert>
            )}
            <Group justify="flex-end" gap="sm">
              <Button variant="default" onClick={close} disabled={busy}>
                {t('admin.cancel')}
              </Button>
              <Button
                type="submit"
                loading={busy}
                disabled={trimmed.length < 1 || trimmed.length > 60}
                data-testid="enrollment-issue"
              >
                {t('admin.desks.code.issue')}
              </Button>
            </Group>
          </Stack>
        </form>
      )}
    </Modal>
  );
}
