import { Group, Progress, Stack, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { BalancePlan } from '../../../shared/api/assignmentTypes';
import { formatNumber } from '../format/numbers';
import { useLanguage } from '../shell/useLanguage';

/**
 * Each chosen clerk's open load before → after the plan, on one shared scale: the grey part is
 * what they carry now, the coloured part what the plan adds (or the hatched gap, what it removes).
 */
export function LoadBars({ loads }: { loads: BalancePlan['loads'] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const n = (value: number) => formatNumber(value, language);
  const scale = Math.max(1, ...loads.flatMap((load) => [load.before, load.after]));
  const percent = (value: number) => (value / scale) * 100;
  return (
    <Stack gap={8} data-testid="balance-loads">
      {loads.map((load) => {
        const kept = Math.min(load.before, load.after);
        const added = Math.max(0, load.after - load.before);
        const removed = Math.max(0, load.before - load.after);
        return (
          <div key={load.userId} data-testid={`balance-load-${load.userId}`}>
            <Group justify="space-between" gap="sm" wrap="nowrap" mb={2}>
              <Text size="sm" fw={600} truncate="end">
                {load.displayName}
              </Text>
              <Text size="sm" ff="monospace" style={{ whiteSpace: 'nowrap' }}>
                {t('assignment.balance.loadChange', {
                  before: n(load.before),
                  after: n(load.after),
                })}
                {added > 0 && (
                  <Text span c="togo.8" fw={700} ml={6}>
                    +{n(added)}
                  </Text>
                )}
                {removed > 0 && (
                  <Text span c="orange.8" fw={700} ml={6}>
                    −{n(removed)}
                  </Text>
                )}
              </Text>
            </Group>
            <Progress.Root
              size="lg"
              radius="sm"
              aria-label={t('assignment.balance.loadBarLabel', {
                name: load.displayName,
                before: n(load.before),
                after: n(load.after),
              })}
            >
              <Progress.Section value={percent(kept)} color="gray.5" />
              {added > 0 && <Progress.Section value={percent(added)} color="togo" />}
              {removed > 0 && (
                <Progress.Section value={percent(removed)} color="orange.2" striped />
              )}
            </Progress.Root>
          </div>
        );
      })}
    </Stack>
  );
}
