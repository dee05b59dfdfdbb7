import { Alert, Button, Code, Group, Stack, Text } from '@mantine/core';
import { IconAlertOctagon, IconCircleCheck, IconShieldCheck } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditVerification } from '../../../shared/api/adminTypes';
import { api } from '../api/api';
import { formatNumber } from '../format/numbers';
import { RetryableError } from '../shell/RetryableError';
import { useLanguage } from '../shell/useLanguage';
import { formatDuration } from './adminFormats';
import classes from './AdminScreen.module.css';

/** « Vérifier l'intégrité du journal »: the verdict, and when broken what it means and what to do. */
export function AuditVerifyPanel({ onShowLine }: { onShowLine: (seq: number) => void }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [state, setState] = useState<
    | { phase: 'idle' | 'running' }
    | { phase: 'done'; result: AuditVerification }
    | { phase: 'error'; error: unknown }
  >({ phase: 'idle' });

  const verify = async () => {
    setState({ phase: 'running' });
    try {
      setState({ phase: 'done', result: await api.call('audit.verify', {}) });
    } catch (error) {
      setState({ phase: 'error', error });
    }
  };

  return (
    <Stack gap="sm" px="md" pb="sm">
      <Group>
        <Button
          variant="outline"
          leftSection={<IconShieldCheck size={18} />}
          loading={state.phase === 'running'}
          onClick={() => void verify()}
          data-testid="audit-verify"
        >
          {t('admin.audit.verify.button')}
        </Button>
        {state.phase === 'running' && (
          <Text size="sm" c="dimmed">
            {t('admin.audit.verify.running')}
          </Text>
        )}
      </Group>
      {state.phase === 'error' && (
        <RetryableError
          title={t('admin.audit.verify.failed')}
          error={state.error}
          onRetry={() => void verify()}
        />
      )}
      {state.phase === 'done' && state.result.ok && (
        <Alert
          color="teal"
          variant="light"
          icon={<IconCircleCheck />}
          title={`✓ ${t('admin.audit.verify.ok', {
            count: state.result.checkedRows,
            formatted: formatNumber(state.result.checkedRows, language),
          })}`}
          data-testid="audit-verify-ok"
        >
          <Text size="sm">
            {t('admin.audit.verify.okDetail', {
              duration: formatDuration(state.result.durationMs, language),
            })}
          </Text>
          <Code block mt={6} className={classes.hash}>
            {state.result.lastHash}
          </Code>
        </Alert>
      )}
      {state.phase === 'done' && !state.result.ok && state.result.firstBroken && (
        <Alert
          color="red"
          variant="filled"
          icon={<IconAlertOctagon />}
          title={t('admin.audit.verify.brokenTitle', { seq: state.result.firstBroken.seq })}
          role="alert"
          data-testid="audit-verify-broken"
        >
          <Stack gap={6}>
            <Text size="sm" fw={600}>
              {state.result.firstBroken.reason}
            </Text>
            <Text size="sm">
              {t('admin.audit.verify.intactBefore', {
                count: state.result.checkedRows,
                formatted: formatNumber(state.result.checkedRows, language),
              })}
            </Text>
            <Text size="sm">
              {t('admin.audit.verify.meaning', { seq: state.result.firstBroken.seq })}
            </Text>
            <Text size="sm">{t('admin.audit.verify.todo')}</Text>
            <Group>
              <Button
                size="xs"
                variant="white"
                color="red"
                onClick={() => onShowLine(state.result.firstBroken!.seq)}
              >
                {t('admin.audit.verify.showLine', { seq: state.result.firstBroken.seq })}
              </Button>
            </Group>
          </Stack>
        </Alert>
      )}
    </Stack>
  );
}
