import { Group, Title } from '@mantine/core';
import { useTranslation } from 'react-i18next';

/** The name, with a thin stripe in the flag's colours as the only ornament. */
export function Wordmark() {
  const { t } = useTranslation();
  return (
    <Group gap={10} wrap="nowrap">
      <div
        aria-hidden
        style={{
          width: 6,
          height: 28,
          borderRadius: 2,
          background:
            'linear-gradient(to bottom, #006a4e 0 33%, #ffce00 33% 66%, #d21034 66% 100%)',
        }}
      />
      <Title order={1} size="h3" fw={700} style={{ letterSpacing: '-0.01em' }}>
        {t('app.name')}
      </Title>
    </Group>
  );
}
