import { CloseButton, Kbd, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { navigate, useRoute } from '../routing/useRoute';
import { useInboxStore } from '../stores/inboxStore';

export const HEADER_SEARCH_ID = 'header-search';

/** Hands the keyboard to the list, so j/k and Enter work straight after typing a search. */
export function focusInboxGrid(): boolean {
  const grid = document.querySelector<HTMLElement>('[data-testid="inbox-grid"]');
  grid?.focus({ preventScroll: true });
  return grid !== null;
}

/**
 * The header's search box: it searches the current queue (the list follows as the clerk types).
 * From a case, typing goes back to the list being searched.
 */
export function HeaderSearch() {
  const { t } = useTranslation();
  const route = useRoute();
  const search = useInboxStore((state) => state.search);
  const queue = useInboxStore((state) => state.queue);

  function onChange(text: string) {
    useInboxStore.getState().setSearch(text);
    if (route.view !== 'inbox') navigate({ view: 'inbox', queue });
  }

  return (
    <TextInput
      id={HEADER_SEARCH_ID}
      type="search"
      visibleFrom="md"
      value={search}
      onChange={(event) => onChange(event.currentTarget.value)}
      onKeyDown={(event) => {
        if (event.key === 'Enter' || event.key === 'ArrowDown') {
          if (focusInboxGrid()) event.preventDefault();
        } else if (event.key === 'Escape') {
          // Escape leaves the box (the search stays); it never closes the case behind.
          event.preventDefault();
          event.stopPropagation();
          if (!focusInboxGrid()) event.currentTarget.blur();
        }
      }}
      placeholder={t('search.placeholder')}
      aria-label={t('search.label')}
      leftSection={<IconSearch size={16} />}
      rightSectionWidth={search ? 36 : 40}
      rightSection={
        search ? (
          <CloseButton
            size="sm"
            aria-label={t('search.clear')}
            onClick={() => useInboxStore.getState().setSearch('')}
          />
        ) : (
          <Kbd size="xs">/</Kbd>
        )
      }
      rightSectionPointerEvents={search ? 'all' : 'none'}
      w={360}
      miw={200}
      style={{ flexShrink: 1 }}
      styles={{ input: { WebkitAppearance: 'none' } }}
      data-testid="header-search"
    />
  );
}
