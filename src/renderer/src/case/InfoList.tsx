import { SimpleGrid, Text } from '@mantine/core';
import type { ReactNode } from 'react';
import classes from './CaseView.module.css';

export interface InfoItem {
  label: string;
  value: ReactNode;
  /**
   * An identifier (a phone number, an e-mail, a NIF, an RCCM): kept on one line, cut with « … »
   * and given whole in its tooltip when the column is too narrow — never broken mid-value.
   */
  oneLine?: string;
}

/** Label / value pairs laid out as a two-column description list. */
export function InfoList({ items }: { items: readonly InfoItem[] }) {
  return (
    <SimpleGrid
      component="dl"
      cols={2}
      spacing="xs"
      verticalSpacing={6}
      m={0}
      style={{ gridTemplateColumns: 'minmax(96px, max-content) minmax(0, 1fr)', columnGap: 16 }}
    >
      {items.map((item) => (
        <InfoPair key={item.label} {...item} />
      ))}
    </SimpleGrid>
  );
}

function InfoPair({ label, value, oneLine }: InfoItem) {
  return (
    <>
      <Text component="dt" size="sm" c="dimmed">
        {label}
      </Text>
      <Text
        component="dd"
        size="sm"
        m={0}
        className={oneLine === undefined ? classes.words : classes.oneLine}
        title={oneLine}
        data-one-line={oneLine === undefined ? undefined : true}
      >
        {value}
      </Text>
    </>
  );
}
