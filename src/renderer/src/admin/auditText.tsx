import { Anchor } from '@mantine/core';
import { Fragment, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import type { AuditRow } from '../../../shared/api/adminTypes';
import { sentenceParts, sentenceTemplate } from '../../../shared/audit/auditSentences';
import type { AuditDetail, AuditValue } from '../../../shared/audit/auditView';
import { formatDateTime } from '../format/dates';
import { hrefOf } from '../routing/route';
import { useLanguage } from '../shell/useLanguage';

/** An audit value in the user's language: codes through i18n, catalog labels in both already. */
export function useAuditValueText(): (value: AuditValue) => string {
  const { t } = useTranslation();
  const language = useLanguage();
  const textOf = (value: AuditValue): string => {
    switch (value.kind) {
      case 'text':
        return value.text;
      case 'label':
        return value.label[language];
      case 'status':
        return t(`status.${value.status}`);
      case 'role':
        return t(`roles.${value.role}`);
      case 'word':
        return t(`admin.audit.values.${value.word}`);
      case 'instant':
        return formatDateTime(value.at, language);
      case 'change':
        return `${textOf(value.from)} → ${textOf(value.to)}`;
      case 'list':
        return value.items.map(textOf).join(', ');
    }
  };
  return textOf;
}

/** « Statut : En instruction → Approuvée », one string per detail. */
export function useAuditDetailLines(): (details: readonly AuditDetail[]) => string[] {
  const { t } = useTranslation();
  const textOf = useAuditValueText();
  return (details) =>
    details.map(
      (detail) => `${t(`admin.audit.detailLabels.${detail.label}`)} : ${textOf(detail.value)}`,
    );
}

/**
 * The row's sentence, its actor and person in bold and its case reference a link to the case.
 * The template is the user's language's (adminMessages), French (the shared table) otherwise.
 */
export function AuditSentence({ row }: { row: AuditRow }) {
  const { t, i18n } = useTranslation();
  const language = useLanguage();
  const textOf = useAuditValueText();
  const { description } = row;
  const key = `admin.audit.sentences.${description.sentence}`;
  const translated = i18n.getResource(language, 'translation', key) as unknown;
  const template =
    typeof translated === 'string'
      ? translated
      : (sentenceTemplate(description.sentence) ?? description.sentence);

  const param = (name: string): ReactNode => {
    if (name === 'actor') {
      return <strong>{row.actorName ?? row.actorId ?? t('admin.audit.values.system')}</strong>;
    }
    if (name === 'case') {
      const found = description.case;
      if (!found) return '—';
      return (
        <Anchor
          href={hrefOf({ view: 'case', id: found.id })}
          fw={600}
          size="sm"
          style={{ whiteSpace: 'nowrap' }}
          aria-label={t('admin.audit.openCase', { reference: found.reference })}
          data-testid="audit-case-link"
        >
          {found.reference}
        </Anchor>
      );
    }
    const value = description.params[name as keyof typeof description.params];
    const shown = value ? textOf(value) : '—';
    return name === 'person' ? <strong>{shown}</strong> : shown;
  };

  return (
    <>
      {sentenceParts(template).map((part, index) => (
        <Fragment key={index}>{'text' in part ? part.text : param(part.param)}</Fragment>
      ))}
    </>
  );
}
