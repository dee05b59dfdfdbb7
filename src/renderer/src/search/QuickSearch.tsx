import {
  Badge,
  Group,
  Kbd,
  Loader,
  Modal,
  ScrollArea,
  Stack,
  Text,
  TextInput,
} from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { useDebouncedValue } from '@mantine/hooks';
import { memo, useEffect, useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxRow } from '../../../shared/api/types';
import { errorMessage } from '../api/errorMessage';
import { useApiQuery } from '../api/queries';
import { StatusBadge } from '../badges/StatusBadge';
import { navigate } from '../routing/useRoute';
import { useShellStore } from '../stores/shellStore';
import { SEARCH_DEBOUNCE_MS, useInboxStore } from '../stores/inboxStore';
import { Highlight } from './Highlight';
import classes from './QuickSearch.module.css';

const HITS = 8;

/** Ctrl+K: the best hits across every case, whatever queue the clerk is in; Enter opens one. */
export const QuickSearch = memo(function QuickSearch() {
  const { t } = useTranslation();
  const opened = useShellStore((state) => state.quickSearchOpen);
  const close = () => useShellStore.getState().setQuickSearchOpen(false);
  // Built from Modal's parts so the name goes on the dialog itself (`Modal`'s own props land on a
  // role-less wrapper, where an aria-label means nothing).
  return (
    <Modal.Root
      opened={opened}
      onClose={close}
      // Wide enough for the whole placeholder (« Référence, demandeur, …, courriel… ») at 18 px.
      size={720}
      yOffset="12vh"
      padding={0}
      radius="md"
      transitionProps={{ duration: 80 }}
    >
      <Modal.Overlay />
      <Modal.Content aria-label={t('search.quickTitle')}>
        <Modal.Body>{opened && <QuickSearchBody onDone={close} />}</Modal.Body>
      </Modal.Content>
    </Modal.Root>
  );
});

function QuickSearchBody({ onDone }: { onDone(): void }) {
  const { t } = useTranslation();
  const [text, setText] = useState('');
  const [active, setActive] = useState(0);
  const listRef = useRef<HTMLDivElement>(null);
  const query = text.trim();
  const [asked] = useDebouncedValue(query, SEARCH_DEBOUNCE_MS);
  // Cached per search: an answer is only ever shown for the text it answers.
  const result = useApiQuery(
    'inbox.list',
    { queue: 'all', filters: {}, search: asked, cursor: null, limit: HITS },
    { enabled: asked !== '' },
  );
  const answered = asked === query && (result.data !== undefined || result.isError);
  const hits = answered ? (result.data?.rows ?? []) : [];
  const error =
    answered && result.data === undefined
      ? errorMessage(result.error, t('app.unexpectedError'))
      : null;
  const loading = query !== '' && !answered;

  // A new answer starts again from its first hit.
  const [answeredFor, setAnsweredFor] = useState(result.data);
  if (answeredFor !== result.data) {
    setAnsweredFor(result.data);
    setActive(0);
  }

  useEffect(() => {
    listRef.current
      ?.querySelector<HTMLElement>(`[data-index="${active}"]`)
      ?.scrollIntoView({ block: 'nearest' });
  }, [active]);

  function open(row: InboxRow) {
    onDone();
    useInboxStore.getState().select(row.id);
    navigate({ view: 'case', id: row.id });
  }

  function onKeyDown(event: React.KeyboardEvent) {
    if (event.key === 'ArrowDown' || (event.key === 'n' && event.ctrlKey)) {
      event.preventDefault();
      setActive((index) => Math.min(index + 1, hits.length - 1));
    } else if (event.key === 'ArrowUp' || (event.key === 'p' && event.ctrlKey)) {
      event.preventDefault();
      setActive((index) => Math.max(index - 1, 0));
    } else if (event.key === 'Enter') {
      event.preventDefault();
      const row = hits[active];
      if (row) open(row);
    }
  }

  const listId = 'quick-search-results';
  return (
    <Stack gap={0}>
      <TextInput
        value={text}
        onChange={(event) => setText(event.currentTarget.value)}
        onKeyDown={onKeyDown}
        placeholder={t('search.quickPlaceholder')}
        aria-label={t('search.quickTitle')}
        role="combobox"
        aria-expanded={hits.length > 0}
        aria-controls={listId}
        aria-activedescendant={hits[active] ? `quick-hit-${hits[active].id}` : undefined}
        leftSection={<IconSearch size={18} />}
        rightSection={loading ? <Loader size={16} /> : null}
        size="lg"
        variant="unstyled"
        px="md"
        className={classes.input}
        data-autofocus
        data-testid="quick-search-input"
      />
      <ScrollArea.Autosize mah="55vh" type="auto" viewportRef={listRef}>
        {query === '' ? (
          <Text size="sm" c="dimmed" p="md">
            {t('search.quickStart')}
          </Text>
        ) : error ? (
          <Text size="sm" c="red" p="md">
            {error}
          </Text>
        ) : !loading && hits.length === 0 ? (
          <Text size="sm" c="dimmed" p="md" data-testid="quick-search-empty">
            {t('search.noResults', { query })}
          </Text>
        ) : (
          <div
            role="listbox"
            id={listId}
            aria-label={t('search.quickResults')}
            className={classes.list}
          >
            {hits.map((row, index) => (
              <QuickHit
                key={row.id}
                row={row}
                index={index}
                active={index === active}
                onHover={() => setActive(index)}
                onOpen={() => open(row)}
              />
            ))}
          </div>
        )}
      </ScrollArea.Autosize>
      <Group gap="md" px="md" py={8} className={classes.footer}>
        <Text size="xs" c="dimmed">
          <Kbd size="xs">↑</Kbd> <Kbd size="xs">↓</Kbd> {t('search.quickFooterMove')}
        </Text>
        <Text size="xs" c="dimmed">
          <Kbd size="xs">{t('inbox.enterKey')}</Kbd> {t('search.quickFooterOpen')}
        </Text>
        <Text size="xs" c="dimmed">
          <Kbd size="xs">{t('shortcuts.escape')}</Kbd> {t('search.quickFooterClose')}
        </Text>
      </Group>
    </Stack>
  );
}

function QuickHit({
  row,
  index,
  active,
  onHover,
  onOpen,
}: {
  row: InboxRow;
  index: number;
  active: boolean;
  onHover(): void;
  onOpen(): void;
}) {
  const { t } = useTranslation();
  const match = row.searchMatch ?? null;
  const rangesFor = (field: string) => (match?.field === field ? match.ranges : undefined);
  const identifier =
    match && ['nif', 'rccm', 'phone', 'email'].includes(match.field) ? match : null;
  return (
    <div
      role="option"
      id={`quick-hit-${row.id}`}
      aria-selected={active}
      data-index={index}
      className={classes.hit}
      onMouseMove={onHover}
      onClick={onOpen}
      data-testid="quick-hit"
    >
      <Group justify="space-between" wrap="nowrap" gap="sm">
        <div style={{ minWidth: 0 }}>
          <Text size="sm" fw={600} truncate="end">
            <Highlight text={row.applicantName} ranges={rangesFor('applicantName')} />
          </Text>
          <Text size="xs" c="dimmed" truncate="end">
            <span className={classes.reference}>
              <Highlight text={row.reference} ranges={rangesFor('reference')} />
            </span>
            {identifier ? (
              <>
                {' · '}
                {t(`search.fields.${identifier.field}`)} :{' '}
                <Highlight text={identifier.value} ranges={identifier.ranges} />
              </>
            ) : (
              row.companyName && (
                <>
                  {' · '}
                  <Highlight text={row.companyName} ranges={rangesFor('companyName')} />
                </>
              )
            )}
          </Text>
        </div>
        <Group gap={6} wrap="nowrap" style={{ flexShrink: 0 }}>
          <Badge variant="outline" color="gray" size="sm" radius="sm" tt="none" ff="monospace">
            {row.procedureCode}
          </Badge>
          <StatusBadge status={row.status} />
        </Group>
      </Group>
    </div>
  );
}
