import { IconAlertTriangle } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useId, useState, type CSSProperties } from 'react';
import { createPortal } from 'react-dom';
import { useTranslation } from 'react-i18next';
import type { LinkedSignal } from '../../../shared/api/linkedTypes';
import { formatDate } from '../format/dates';
import type { Language } from '../i18n/language';
import { useLanguage } from '../shell/useLanguage';
import classes from './RowSignals.module.css';

const cited = (signal: LinkedSignal) => signal.cases.map((other) => other.reference).join(', ');

/**
 * What one signal says and what it rests on, in one sentence: « Carte d'importateur
 * CIE-2026-LOM-900003 révoquée le 01/06/2026 (Pièces falsifiées) — délivrée pour COM-IMPEX-… ».
 */
export function signalSentence(signal: LinkedSignal, t: TFunction, language: Language): string {
  switch (signal.kind) {
    case 'same_id_different_names':
      return t('linked.row.same_id_different_names', {
        idNumber: signal.idNumber ?? '',
        names: (signal.names ?? []).slice(1).join(', '),
        cases: cited(signal),
      });
    case 'previous_fraud_rejection':
      return t('linked.row.previous_fraud_rejection', {
        reasons: (
          signal.reasons?.map((reason) => reason[language]) ??
          signal.reasonCodes ??
          []
        ).join(', '),
        cases: cited(signal),
      });
    case 'revoked_prerequisite':
      return (
        t('linked.row.revoked_prerequisite', {
          label: signal.label?.[language] ?? signal.procedureCode ?? '',
          number: signal.certificateNumber ?? '',
          date: signal.revokedAt ? formatDate(signal.revokedAt, language) : '—',
          why: signal.revocationReason ? ` (${signal.revocationReason})` : '',
        }) + (signal.cases.length > 0 ? t('linked.row.revokedFor', { cases: cited(signal) }) : '')
      );
  }
}

/**
 * The inbox row's warning mark (issue 20 §2): an icon and a short label under the reference;
 * pointing at it or focusing it says each signal with what it rests on. A signal decides
 * nothing: the hint says so. Cheap for a row: no Mantine tooltip (a floating-element machine per
 * row, issue 18 §3); the hint is a plain element drawn over the page only while shown.
 */
export function RowSignals({ signals }: { signals: readonly LinkedSignal[] }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [anchor, setAnchor] = useState<DOMRect | null>(null);
  const hintId = useId();
  if (signals.length === 0) return null;
  const sentences = signals.map((signal) => signalSentence(signal, t, language));
  const label =
    signals.length === 1
      ? t(`linked.row.short.${signals[0]!.kind}`)
      : t('linked.row.several', { count: signals.length });
  const show = (element: Element) => setAnchor(element.getBoundingClientRect());
  const hide = () => setAnchor(null);
  return (
    <div className={classes.line}>
      <span
        className={classes.mark}
        // Focusable, so the keyboard reaches the hint as the pointer does; its name says it all.
        tabIndex={0}
        role="note"
        // The name starts with the visible label (WCAG 2.5.3), then says everything.
        aria-label={t('linked.row.name', { label, text: sentences.join(' ; ') })}
        aria-describedby={anchor ? hintId : undefined}
        data-testid="row-signals"
        data-kinds={signals.map((signal) => signal.kind).join(' ')}
        onPointerEnter={(event) => show(event.currentTarget)}
        onPointerLeave={hide}
        onFocus={(event) => show(event.currentTarget)}
        onBlur={hide}
        onKeyDown={(event) => {
          if (event.key === 'Escape' && anchor) {
            event.stopPropagation();
            hide();
          }
        }}
      >
        <IconAlertTriangle size={13} stroke={2.2} aria-hidden="true" className={classes.icon} />
        <span className={classes.label}>{label}</span>
      </span>
      {anchor &&
        createPortal(
          <div
            id={hintId}
            role="tooltip"
            className={classes.hint}
            style={hintPosition(anchor)}
            data-testid="row-signals-hint"
          >
            {sentences.map((sentence, index) => (
              <div key={index} className={classes.sentence}>
                {sentence}
              </div>
            ))}
            <div className={classes.note}>{t('linked.row.note')}</div>
          </div>,
          document.body,
        )}
    </div>
  );
}

const HINT_WIDTH = 380;

/** Below the mark, kept inside the window; above it when the mark is near the bottom. */
function hintPosition(anchor: DOMRect): CSSProperties {
  const left = Math.max(8, Math.min(anchor.left, window.innerWidth - HINT_WIDTH - 8));
  return anchor.bottom + 140 > window.innerHeight
    ? { left, bottom: window.innerHeight - anchor.top + 6, maxWidth: HINT_WIDTH }
    : { left, top: anchor.bottom + 6, maxWidth: HINT_WIDTH };
}
