import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import { IconAlertOctagon, IconCircleCheck, IconShieldCheck } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useApiMutation } from '../api/queries';
import { formatNumber } from '../format/numbers';
import { RetryableError } from '../shell/RetryableError';
import { useLanguage } from '../shell/useLanguage';
import { formatDuration } from './adminFormats';
import classes from './AdminScreen.module.css';

/** « Vérifier l'intégrité du journal »: the verdict, and when broken what it means and what to do. */
export function AuditVerifyPanel({ onShowLine }: { onShowLine: (seq: number) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  // A check run on demand, each time afresh: a mutation, whose state is the panel's.
  const check = useApiMutation('audit.verify');
  const verify = () => check.mutate({});
  const result = check.isSuccess ? check.data : null;

  return (
    <Stack gap="sm" px="md" pb="sm">
      <Group>
        <Button
          variant="outline"
          leftSection={<IconShieldCheck size={18} />}
          loading={check.isPending}
          onClick={verify}
          data-testid="audit-verify"
        >
          {t('admin.audit.verify.button')}
        </Button>
        {check.isPending && (
          <Text size="sm" c="dimmed">
            {t('admin.audit.verify.running')}
          </Text>
        )}
      </Group>
      {check.isError && (
        <RetryableError
          title={t('admin.audit.verify.failed')}
          error={check.error}
          onRetry={() => void verify()}
        />
      )}
      {result?.ok && (
        <Alert
          color="teal"
          variant="light"
          icon={<IconCircleCheck />}
          title={`✓ ${t('admin.audit.verify.ok', {
            count: result.checkedRows,
            formatted: formatNumber(result.checkedRows, language),
          })}`}
          data-testid="audit-verify-ok"
        >
          <Text size="sm">
            {t('admin.audit.verify.okDetail', {
              duration: formatDuration(result.durationMs, language),
            })}
          </Text>
          <Code block mt={6} className={classes.hash}>
            {result.lastHash}
          </Code>
        </Alert>
      )}
      {result && !result.ok && result.firstBroken && (
        <Alert
          color="red"
          variant="filled"
          icon={<IconAlertOctagon />}
          title={t('admin.audit.verify.brokenTitle', { seq: result.firstBroken.seq })}
          role="alert"
          data-testid="audit-verify-broken"
        >
          <Stack gap={6}>
            <Text size="sm" fw={600}>
              {result.firstBroken.reason}
            </Text>
            <Text size="sm">
              {t('admin.audit.verify.intactBefore', {
                count: result.checkedRows,
                formatted: formatNumber(result.checkedRows, language),
              })}
            </Text>
            <Text size="sm">
              {t('admin.audit.verify.meaning', { seq: result.firstBroken.seq })}
            </Text>
            <Text size="sm">{t('admin.audit.verify.todo')}</Text>
            <Group>
              <Button
                size="xs"
                variant="white"
                color="red"
                onClick={() => onShowLine(result.firstBroken!.seq)}
              >
                {t('admin.audit.verify.showLine', { seq: result.firstBroken.seq })}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
