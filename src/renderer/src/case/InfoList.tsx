import { SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';

/** Label / value pairs laid out as a two-column description list. */
export function InfoList({ items }: { items: readonly { label: string; value: ReactNode }[] }) {
  return (
    <SimpleGrid
      component="dl"
      cols={2}
      spacing="xs"
      verticalSpacing={6}
      m={0}
      style={{ gridTemplateColumns: 'minmax(120px, max-content) 1fr', columnGap: 16 }}
    >
      {items.map((item) => (
        <InfoPair key={item.label} label={item.label} value={item.value} />
      ))}
    </SimpleGrid>
  );
}

function InfoPair({ label, value }: { label: string; value: ReactNode }) {
  return (
    <>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text component="dd" size="sm" m={0} style={{ overflowWrap: 'anywhere' }}>
        {value}
      </Text>
    </>
  );
}
