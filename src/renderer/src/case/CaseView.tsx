import { Button, Center, Group, Kbd, Loader, Stack } from '@mantine/core';
import { IconChevronLeft } from '@tabler/icons-react';
import { useCallback, useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { QueueId } from '../../../shared/api/types';
import { CaseAuditLink } from '../admin/CaseAuditLink';
import { peekNeighbour } from '../inbox/caseSequence';
import { navigate } from '../routing/useRoute';
import { isTypingTarget } from '../shell/typingTarget';
import { RetryableError } from '../shell/RetryableError';
import { CaseDetailBody } from './CaseDetailBody';
import { CASE_AHEAD, prefetchCase, useCaseDetail } from './caseQueries';
import classes from './CaseView.module.css';
import { DocumentsPanel } from './documents/DocumentsPanel';
import { DecisionColumn } from './review/DecisionColumn';

export function CaseView({ id, backQueue }: { id: string; backQueue: QueueId }) {
  const { t } = useTranslation();
  const query = useCaseDetail(id);
  // A refetch that fails keeps what is shown; the next action reports its own error.
  const detail = query.data ?? null;
  const error = detail === null && query.isError ? query.error : null;

  const back = useCallback(() => navigate({ view: 'inbox', queue: backQueue }), [backQueue]);

  useEffect(() => {
    const onKey = (event: KeyboardEvent) => {
      // Menus and popovers close themselves on Escape first.
      if (event.key !== 'Escape' || event.defaultPrevented) return;
      if (document.querySelector('[data-position][role="menu"], [role="listbox"]')) return;
      // An open window (quick search, help, a confirmation) holds the focus and closes first; a
      // window still fading out after opening this case does not, so it must not swallow Escape.
      // Escape in a field only leaves the field.
      const inDialog = document.activeElement?.closest('[role="dialog"]') != null;
      if (inDialog || isTypingTarget(event.target)) return;
      back();
    };
    window.addEventListener('keydown', onKey);
    return () => window.removeEventListener('keydown', onKey);
  }, [back]);

  const ready = detail !== null;
  // The next case of the list is asked for while the clerk reads this one: j, or the next case
  // after a decision, then shows it in its first frame.
  useEffect(() => {
    if (!ready) return;
    const timer = setTimeout(() => {
      const next = peekNeighbour(id, 1);
      if (next) prefetchCase(next, CASE_AHEAD.freshForMs);
    }, CASE_AHEAD.restMs);
    return () => clearTimeout(timer);
  }, [id, ready]);

  return (
    <div className={classes.layout} data-testid="case-view">
      <div className={classes.main}>
        <Stack gap="md" p="md">
          <Group gap="xs">
            <Button
              variant="subtle"
              size="xs"
              leftSection={<IconChevronLeft size={16} />}
              onClick={back}
              autoFocus
            >
              {t('case.back')}
            </Button>
            <Kbd size="xs">{t('case.backHint')}</Kbd>
            {detail && <CaseAuditLink reference={detail.row.reference} />}
          </Group>
          {detail ? (
            <CaseDetailBody key={detail.row.id} detail={detail} />
          ) : error ? (
            <RetryableError
              title={t('case.loadError')}
              error={error}
              onRetry={() => void query.refetch()}
            />
          ) : (
            <Center py={80} data-testid="case-loading">
              <Loader />
            </Center>
          )}
        </Stack>
      </div>
      {ready && (
        <section
          className={classes.decision}
          aria-label={t('layout.decisionColumn')}
          data-testid="decision-column"
        >
          <DecisionColumn key={detail.row.id} detail={detail} backQueue={backQueue} />
        </section>
      )}
      {ready && (
        <aside className={classes.documents} aria-label={t('case.documents')}>
          <DocumentsPanel
            key={detail.row.id}
            documents={detail.record.documents}
            statuses={detail.sync.documents}
            highlightIds={detail.review.replyChanges?.documentIds ?? []}
            procedure={detail.procedure}
          />
        </aside>
      )}
    </div>
  );
}
