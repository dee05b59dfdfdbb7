import {
  Badge,
  Button,
  Checkbox,
  Popover,
  ScrollArea,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconChevronDown, IconSearch } from '@tabler/icons-react';
import { memo, useMemo, useState, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';

export interface FilterOption {
  value: string;
  label: string;
  /** Shown under the label (a procedure's title, an office's region…). */
  description?: string;
}

/** Long lists get a field to narrow them; short ones are ticked at a glance. */
const SEARCH_FROM = 8;

/**
 * A toolbar button opening a list of checkboxes; several ticks in one filter combine with OR.
 * Drawn again only when its own options or ticks change.
 */
export const FilterMenu = memo(function FilterMenu({
  label,
  options,
  selected,
  onChange,
  width = 300,
}: {
  label: string;
  options: readonly FilterOption[];
  selected: readonly string[];
  onChange(values: string[]): void;
  width?: number;
}) {
  const { t } = useTranslation();
  const [needle, setNeedle] = useState('');
  const shown = useMemo(() => {
    const folded = fold(needle.trim());
    if (!folded) return options;
    return options.filter((option) =>
      fold(`${option.label} ${option.description ?? ''}`).includes(folded),
    );
  }, [options, needle]);
  const chosen = new Set(selected);

  return (
    <Popover
      position="bottom-start"
      width={width}
      shadow="md"
      trapFocus
      onClose={() => setNeedle('')}
    >
      <Popover.Target>
        <FilterButton label={label} count={selected.length} />
      </Popover.Target>
      <Popover.Dropdown p={6}>
        <Stack gap={4}>
          {options.length >= SEARCH_FROM && (
            <TextInput
              size="xs"
              placeholder={t('filters.filterOptions')}
              aria-label={t('filters.filterOptions')}
              leftSection={<IconSearch size={14} />}
              value={needle}
              onChange={(event) => setNeedle(event.currentTarget.value)}
              data-autofocus
            />
          )}
          <ScrollArea.Autosize mah={320} type="auto" offsetScrollbars>
            <Checkbox.Group
              value={[...selected]}
              onChange={onChange}
              aria-label={label}
              role="group"
            >
              <Stack gap={2} p={4}>
                {shown.length === 0 && (
                  <Text size="sm" c="dimmed" p={4}>
                    {t('filters.noOptions')}
                  </Text>
                )}
                {shown.map((option) => (
                  <Checkbox
                    key={option.value}
                    value={option.value}
                    size="xs"
                    label={option.label}
                    description={option.description}
                    styles={{ body: { alignItems: 'flex-start' }, labelWrapper: { minWidth: 0 } }}
                    fw={chosen.has(option.value) ? 600 : undefined}
                    py={4}
                  />
                ))}
              </Stack>
            </Checkbox.Group>
          </ScrollArea.Autosize>
        </Stack>
      </Popover.Dropdown>
    </Popover>
  );
});

export function FilterButton({
  label,
  count,
  children,
  ...rest
}: {
  label: string;
  count: number;
  children?: ReactNode;
}) {
  return (
    <Button
      size="xs"
      variant={count > 0 ? 'light' : 'default'}
      rightSection={
        count > 0 ? (
          <Badge size="xs" circle variant="filled">
            {count}
          </Badge>
        ) : (
          <IconChevronDown size={14} />
        )
      }
      // No aria-label: the name is what the button shows (« Démarche 1 »), count included.
      {...rest}
    >
      {label}
      {children}
    </Button>
  );
}

/** Lower-case, accents off: « region » finds « Région ». */
function fold(text: string): string {
  return text.normalize('NFD').replace(/\p{M}/gu, '').toLocaleLowerCase('fr');
}
