import type { AuditRow } from '../api/adminTypes';
import {
  AUDIT_DETAIL_LABELS,
  AUDIT_ROLE_FR,
  AUDIT_STATUS_FR,
  AUDIT_VALUE_FR,
  fillSentence,
  sentenceTemplate,
} from './auditSentences';
import type { AuditDetail, AuditValue } from './auditView';

/** « 2026-11-09T08:05:00Z » → « 09/11/2026 08:05 » (Togo is on UTC, like the stored instants). */
export function frenchInstant(at: string): string {
  const [day, time = ''] = at.split('T');
  const [year, month, date] = day!.split('-');
  return `${date}/${month}/${year} ${time.slice(0, 5)}`.trim();
}

/** One value in French: the export's text, and the reference the renderer's English follows. */
export function frenchValue(value: AuditValue): string {
  switch (value.kind) {
    case 'text':
      return value.text;
    case 'label':
      return value.label.fr;
    case 'status':
      return AUDIT_STATUS_FR[value.status];
    case 'role':
      return AUDIT_ROLE_FR[value.role];
    case 'word':
      return AUDIT_VALUE_FR[value.word];
    case 'instant':
      return frenchInstant(value.at);
    case 'change':
      return `${frenchValue(value.from)} → ${frenchValue(value.to)}`;
    case 'list':
      return value.items.map(frenchValue).join(', ');
  }
}

/** The row's sentence in French, as plain text (the export; the screen links the case). */
export function frenchSentence(
  row: Pick<AuditRow, 'actorName' | 'actorId' | 'description'>,
): string {
  const { description } = row;
  const params: Record<string, string> = {
    actor: row.actorName ?? row.actorId ?? AUDIT_VALUE_FR.system,
    case: description.case?.reference ?? '—',
  };
  for (const [name, value] of Object.entries(description.params)) {
    if (value) params[name] = frenchValue(value);
  }
  return fillSentence(sentenceTemplate(description.sentence) ?? description.sentence, params);
}

/** « Statut : En instruction → Approuvée ; Motifs : Pièce illisible ». */
export function frenchDetails(details: readonly AuditDetail[]): string {
  return details
    .map((detail) => `${AUDIT_DETAIL_LABELS[detail.label]} : ${frenchValue(detail.value)}`)
    .join(' ; ');
}
