import { Divider } from '@mantine/core';
import { useCallback, useEffect, useMemo } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueId } from '../../../shared/api/types';
import { errorMessage } from '../api/errorMessage';
import { navigate } from '../routing/useRoute';
import { useLanguage } from '../shell/useLanguage';
import { useInboxStore } from '../stores/inboxStore';
import { useSessionStore } from '../stores/sessionStore';
import { InboxError, InboxEmpty, InboxSkeleton } from './InboxStates';
import { InboxTable } from './InboxTable';
import { InboxToolbar } from './InboxToolbar';

export function InboxView({ queue }: { queue: QueueId }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const procedures = useSessionStore((state) => state.procedures);
  const inbox = useInboxStore();

  useEffect(() => {
    useInboxStore.getState().show(queue);
  }, [queue]);

  const procedureMap = useMemo(
    () => new Map(procedures.map((procedure) => [procedure.code, procedure])),
    [procedures],
  );

  const open = useCallback((id: string) => {
    useInboxStore.getState().select(id);
    navigate({ view: 'case', id });
  }, []);
  const loadMore = useCallback(() => void useInboxStore.getState().loadMore(), []);
  const move = useCallback((delta: number) => useInboxStore.getState().moveSelection(delta), []);
  const saveScroll = useCallback((top: number) => useInboxStore.getState().saveScroll(top), []);

  // The route may already point at the new queue while the store still holds the old one.
  const current = inbox.queue === queue;
  const ready = current && inbox.phase === 'ready';
  const total = !ready
    ? null
    : inbox.procedureCode === null && inbox.counts
      ? { exact: true, value: inbox.counts[queue] }
      : { exact: inbox.nextCursor === null, value: inbox.rows.length };

  return (
    <>
      <InboxToolbar
        queue={queue}
        procedures={procedures}
        procedureCode={inbox.procedureCode}
        language={language}
        total={total}
        onProcedureChange={(code) => inbox.setProcedure(code)}
      />
      <Divider />
      {!current || inbox.phase === 'loading' || inbox.phase === 'idle' ? (
        <InboxSkeleton />
      ) : inbox.phase === 'error' ? (
        <InboxError error={inbox.error} onRetry={() => void inbox.reload()} />
      ) : inbox.rows.length === 0 ? (
        <InboxEmpty queue={queue} filtered={inbox.procedureCode !== null} />
      ) : (
        <InboxTable
          key={`${queue}:${inbox.procedureCode ?? ''}`}
          rows={inbox.rows}
          procedures={procedureMap}
          language={language}
          selectedId={inbox.selectedId}
          hasMore={inbox.nextCursor !== null}
          loadingMore={inbox.loadingMore}
          moreError={inbox.error ? errorMessage(inbox.error, t('app.unexpectedError')) : null}
          initialScrollTop={inbox.scrollTop}
          label={t('inbox.listLabel', { queue: t(`queues.${queue}`) })}
          onLoadMore={loadMore}
          onOpen={open}
          onMove={move}
          onScrollSave={saveScroll}
        />
      )}
    </>
  );
}
