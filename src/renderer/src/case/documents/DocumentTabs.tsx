import { Badge, Group, Loader, Text, UnstyledButton } from '@mantine/core';
import { IconAlertTriangle, IconFileTypePdf, IconPhoto } from '@tabler/icons-react';
import type { KeyboardEvent } from 'react';
import { useTranslation } from 'react-i18next';
import type { DocumentStatus } from '../../../../shared/api/syncTypes';
import type { PortalDocument } from '../../../../shared/portal/portalApplication';
import { formatKilobytes } from '../../format/numbers';
import { useLanguage } from '../../shell/useLanguage';
import { DOCUMENT_TYPE_LABELS } from '../documentType';
import classes from './DocumentsPanel.module.css';

export const VIEWER_ID = 'documents-viewer';
export const tabId = (documentId: string) => `documents-tab-${documentId}`;

function TypeIcon({ mimeType }: { mimeType: PortalDocument['mimeType'] }) {
  return mimeType === 'application/pdf' ? (
    <IconFileTypePdf size={20} color="var(--mantine-color-red-7)" aria-hidden />
  ) : (
    <IconPhoto size={20} color="var(--mantine-color-blue-7)" aria-hidden />
  );
}

/** Under the label, only while the file is not there yet (or never will be). */
function SyncState({ status }: { status: DocumentStatus | undefined }) {
  const { t } = useTranslation();
  if (!status || status.state === 'ready') return null;
  if (status.state === 'failed') {
    return (
      <Group gap={4} wrap="nowrap" align="flex-start" data-testid="document-state">
        <IconAlertTriangle
          size={13}
          color="var(--mantine-color-red-filled)"
          style={{ flex: 'none', marginTop: 2 }}
          aria-hidden
        />
        <Text size="xs" c="red" lineClamp={2}>
          {t('documents.stateFailed', {
            reason: status.lastError ?? t('documents.unknownReason'),
          })}
        </Text>
      </Group>
    );
  }
  return (
    <Group gap={6} wrap="nowrap" data-testid="document-state">
      <Loader size={10} />
      <Text size="xs" c="dimmed">
        {t(
          status.state === 'downloading' ? 'documents.stateDownloading' : 'documents.statePending',
        )}
      </Text>
    </Group>
  );
}

/**
 * The case's attachments as a vertical tab list: label from the procedure, type, size, download
 * state, « Nouveau » for what came with the applicant's reply. Arrow keys move between them.
 */
export function DocumentTabs(props: {
  items: { attachment: PortalDocument; label: string }[];
  statuses: ReadonlyMap<string, DocumentStatus>;
  highlighted: ReadonlySet<string>;
  selectedId: string | null;
  onSelect: (id: string) => void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { items, selectedId, onSelect } = props;

  const onKeyDown = (event: KeyboardEvent, index: number) => {
    const last = items.length - 1;
    const target =
      event.key === 'ArrowDown'
        ? Math.min(index + 1, last)
        : event.key === 'ArrowUp'
          ? Math.max(index - 1, 0)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    const next = target === null ? undefined : items[target];
    if (!next) return;
    event.preventDefault();
    onSelect(next.attachment.id);
    document.getElementById(tabId(next.attachment.id))?.focus();
  };

  return (
    <div role="tablist" aria-orientation="vertical" aria-label={t('documents.list')}>
      {items.map(({ attachment, label }, index) => {
        const selected = attachment.id === selectedId;
        const isNew = props.highlighted.has(attachment.id);
        return (
          <UnstyledButton
            key={attachment.id}
            id={tabId(attachment.id)}
            role="tab"
            aria-selected={selected}
            aria-controls={VIEWER_ID}
            tabIndex={selected ? 0 : -1}
            className={classes.tab}
            data-testid={`document-tab-${attachment.id}`}
            data-new={isNew || undefined}
            title={attachment.fileName}
            onClick={() => onSelect(attachment.id)}
            onKeyDown={(event) => onKeyDown(event, index)}
          >
            <TypeIcon mimeType={attachment.mimeType} />
            <div className={classes.tabText}>
              <Text size="sm" fw={selected ? 600 : 500} truncate="end">
                {label}
              </Text>
              <SyncState status={props.statuses.get(attachment.id)} />
            </div>
            {isNew && (
              <Badge
                size="sm"
                color="yellow"
                variant="filled"
                c="dark"
                tt="none"
                title={t('documents.newHint')}
                data-testid="document-new"
              >
                {t('documents.new')}
              </Badge>
            )}
            <Text size="xs" c="dimmed" className={classes.meta}>
              {t('documents.meta', {
                type: DOCUMENT_TYPE_LABELS[attachment.mimeType],
                size: t('units.kilobytes', {
                  value: formatKilobytes(attachment.size, language),
                }),
              })}
            </Text>
          </UnstyledButton>
        );
      })}
    </div>
  );
}
