import { Badge, Group, Text, Title } from '@mantine/core';
import { IconFileAlert } from '@tabler/icons-react';
import { useEffect, useEffectEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentStatus } from '../../../../shared/api/syncTypes';
import type { ProcedureDefinition } from '../../../../shared/catalog/procedureSchema';
import type { PortalDocument } from '../../../../shared/portal/portalApplication';
import { shortcutFor } from '../../shell/shortcuts';
import { isFreeKeyPress } from '../../shell/typingTarget';
import { useLanguage } from '../../shell/useLanguage';
import classes from './DocumentsPanel.module.css';
import { DocumentTabs, tabId, VIEWER_ID } from './DocumentTabs';
import { DocumentViewer } from './DocumentViewer';
import { documentLabel, initialSelection, missingRequired } from './expectedDocuments';
import { ViewerMessage } from './ViewerMessage';

export interface DocumentsPanelProps {
  documents: PortalDocument[];
  statuses: DocumentStatus[];
  /** Documents that arrived with the applicant's latest reply: marked « Nouveau », shown first. */
  highlightIds?: string[];
  procedure: ProcedureDefinition;
}

/**
 * The case's attachments beside the review: the list on top, the selected one below taking the
 * remaining height (PDF through pdf.js, images with zoom and rotation). Fills a flex column.
 */
export function DocumentsPanel({
  documents,
  statuses,
  highlightIds = [],
  procedure,
}: DocumentsPanelProps) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [chosenId, setChosenId] = useState(() => initialSelection(documents, highlightIds));

  const statusById = new Map(statuses.map((status) => [status.id, status]));
  const highlighted = new Set(highlightIds);
  const items = documents.map((attachment) => ({
    attachment,
    label: documentLabel(attachment, procedure, language),
  }));
  // A refresh of the case may drop the chosen file: fall back to the first one.
  const selected = items.find((item) => item.attachment.id === chosenId) ?? items[0] ?? null;
  const missing = missingRequired(documents, procedure);
  useDocumentKeys(
    items.map((item) => item.attachment.id),
    selected?.attachment.id ?? null,
    setChosenId,
  );

  return (
    <section className={classes.panel} data-testid="documents-panel">
      <div className={classes.head}>
        <Group gap="xs" mb={6}>
          <Title order={2} size="h5">
            {t('documents.title')}
          </Title>
          <Badge variant="light" color="gray" size="sm" circle>
            {documents.length}
          </Badge>
        </Group>
        {items.length > 0 && (
          <div className={classes.tabs}>
            <DocumentTabs
              items={items}
              statuses={statusById}
              highlighted={highlighted}
              selectedId={selected?.attachment.id ?? null}
              onSelect={setChosenId}
            />
          </div>
        )}
        {missing.length > 0 && (
          <Group gap={6} wrap="nowrap" align="flex-start" mt={6} data-testid="documents-missing">
            <IconFileAlert
              size={15}
              color="var(--mantine-color-orange-filled)"
              style={{ flex: 'none', marginTop: 2 }}
              aria-hidden
            />
            <Text size="xs" c="dimmed">
              {t('documents.missing', { count: missing.length })}{' '}
              {missing.map((entry) => entry.label[language]).join(' · ')}
            </Text>
          </Group>
        )}
      </div>
      {selected ? (
        <div
          key={selected.attachment.id}
          className={classes.viewer}
          id={VIEWER_ID}
          role="tabpanel"
          aria-labelledby={tabId(selected.attachment.id)}
        >
          <DocumentViewer
            attachment={selected.attachment}
            status={statusById.get(selected.attachment.id)}
            label={selected.label}
          />
        </div>
      ) : (
        <div className={classes.viewer}>
          <ViewerMessage tone="empty" title={t('documents.empty')} />
        </div>
      )}
    </section>
  );
}

/** Shift+←/→ on the case page: the previous or next attachment, stopping at the ends. */
function useDocumentKeys(ids: string[], selectedId: string | null, select: (id: string) => void) {
  const step = useEffectEvent((direction: 1 | -1) => {
    const index = selectedId === null ? -1 : ids.indexOf(selectedId);
    const next = index < 0 ? undefined : ids[index + direction];
    if (next !== undefined) select(next);
  });
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isFreeKeyPress(event)) return;
      const id = shortcutFor(event, ['viewer.nextDocument', 'viewer.previousDocument'] as const);
      if (!id) return;
      // At the first or last attachment the key is used all the same: no text selection grows.
      event.preventDefault();
      step(id === 'viewer.nextDocument' ? 1 : -1);
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, []);
}
