import { ActionIcon, Group, Text, Tooltip, VisuallyHidden } from '@mantine/core';
import { useElementSize, useMergedRef } from '@mantine/hooks';
import {
  IconArrowAutofitWidth,
  IconArrowsMinimize,
  IconChevronLeft,
  IconChevronRight,
  IconRotateClockwise,
  IconZoomIn,
  IconZoomOut,
} from '@tabler/icons-react';
import { useCallback, useId, useRef, type KeyboardEvent, type ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { cachedByKey } from '../../format/cachedFormatter';
import { localeFor } from '../../format/locale';
import { useLanguage } from '../../shell/useLanguage';
import classes from './DocumentsPanel.module.css';
import { canZoom, FIT, stepZoom, type Zoom } from './zoom';

/** The margin around a page or image inside the surface (`.stage` padding, both sides). */
export const STAGE_PADDING = 16;

const percentFormat = cachedByKey(
  (locale) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }),
);

export type ViewerKeyAction = 'previous' | 'next' | 'first' | 'last' | 'zoomIn' | 'zoomOut' | 'fit';

/** The viewer's keys: pages with ←/→ or PageUp/PageDown, zoom with + and −, 0 to fit. */
export function viewerKeyAction(event: KeyboardEvent): ViewerKeyAction | null {
  // Ctrl/⌘ with + and − is the window's own zoom; leave it alone.
  if (event.ctrlKey || event.metaKey || event.altKey) return null;
  switch (event.key) {
    case 'PageUp':
    case 'ArrowLeft':
      return 'previous';
    case 'PageDown':
    case 'ArrowRight':
      return 'next';
    case 'Home':
      return 'first';
    case 'End':
      return 'last';
    case '+':
    case '=':
      return 'zoomIn';
    case '-':
    case '_':
      return 'zoomOut';
    case '0':
      return 'fit';
    default:
      return null;
  }
}

/** The scrolling surface under the toolbar: measured for « fit width », focusable for the keys. */
export function useViewerSurface() {
  const { ref: measureRef, width, height } = useElementSize<HTMLDivElement>();
  const element = useRef<HTMLDivElement>(null);
  const ref = useMergedRef(measureRef, element);
  const scrollToTop = useCallback(() => element.current?.scrollTo({ top: 0, left: 0 }), []);
  return {
    ref,
    available: Math.max(0, width - 2 * STAGE_PADDING),
    availableHeight: Math.max(0, height - 2 * STAGE_PADDING),
    scrollToTop,
  };
}

export function ViewerSurface({
  ref,
  label,
  hint,
  children,
}: {
  ref: React.Ref<HTMLDivElement>;
  label: string;
  /** The keys, said to screen readers when the surface takes the focus. */
  hint: string;
  children: ReactNode;
}) {
  const hintId = useId();
  return (
    <div
      ref={ref}
      className={classes.surface}
      tabIndex={0}
      aria-label={label}
      aria-describedby={hintId}
    >
      <VisuallyHidden id={hintId}>{hint}</VisuallyHidden>
      <div className={classes.stage}>{children}</div>
    </div>
  );
}

export function ViewerToolbar({ children, hint }: { children: ReactNode; hint: string }) {
  const { t } = useTranslation();
  return (
    <div className={classes.toolbar} role="toolbar" aria-label={t('documents.toolbar')}>
      {children}
      <Text size="xs" c="dimmed" className={classes.hint}>
        {hint}
      </Text>
    </div>
  );
}

function ToolButton(props: {
  label: string;
  onClick: () => void;
  disabled?: boolean;
  pressed?: boolean;
  children: ReactNode;
}) {
  return (
    <Tooltip label={props.label} withArrow openDelay={400}>
      <ActionIcon
        variant={props.pressed ? 'light' : 'subtle'}
        color={props.pressed ? undefined : 'gray'}
        size="md"
        aria-label={props.label}
        aria-pressed={props.pressed}
        disabled={props.disabled}
        onClick={props.onClick}
      >
        {props.children}
      </ActionIcon>
    </Tooltip>
  );
}

export function PageControls(props: {
  page: number;
  total: number;
  onPage: (page: number) => void;
}) {
  const { t } = useTranslation();
  const { page, total, onPage } = props;
  return (
    <Group gap={4} wrap="nowrap">
      <ToolButton
        label={t('documents.previousPage')}
        disabled={page <= 1}
        onClick={() => onPage(page - 1)}
      >
        <IconChevronLeft size={18} />
      </ToolButton>
      <Text
        size="sm"
        className={classes.pageIndicator}
        data-testid="pdf-page-indicator"
        aria-live="polite"
      >
        {t('documents.page', { page, total })}
      </Text>
      <ToolButton
        label={t('documents.nextPage')}
        disabled={page >= total}
        onClick={() => onPage(page + 1)}
      >
        <IconChevronRight size={18} />
      </ToolButton>
    </Group>
  );
}

export function ZoomControls(props: {
  zoom: Zoom;
  scale: number;
  onZoom: (zoom: Zoom) => void;
  /** What « fit » means: the page's width (PDF) or the whole image in view. */
  fit: 'width' | 'view';
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { zoom, scale, onZoom } = props;
  const FitIcon = props.fit === 'width' ? IconArrowAutofitWidth : IconArrowsMinimize;
  const percent = percentFormat(localeFor(language)).format(scale);
  return (
    <Group gap={4} wrap="nowrap">
      <ToolButton
        label={t('documents.zoomOut')}
        disabled={!canZoom(scale, -1)}
        onClick={() => onZoom(stepZoom(scale, -1))}
      >
        <IconZoomOut size={18} />
      </ToolButton>
      <Text
        size="sm"
        className={classes.zoomLevel}
        aria-label={t('documents.zoomLevel', { percent })}
        data-testid="viewer-zoom"
      >
        {percent}
      </Text>
      <ToolButton
        label={t('documents.zoomIn')}
        disabled={!canZoom(scale, 1)}
        onClick={() => onZoom(stepZoom(scale, 1))}
      >
        <IconZoomIn size={18} />
      </ToolButton>
      <ToolButton
        label={t(props.fit === 'width' ? 'documents.zoomFit' : 'documents.zoomFitView')}
        pressed={zoom.kind === 'fit'}
        onClick={() => onZoom(FIT)}
      >
        <FitIcon size={18} />
      </ToolButton>
    </Group>
  );
}

export function RotateButton({ onRotate }: { onRotate: () => void }) {
  const { t } = useTranslation();
  return (
    <ToolButton label={t('documents.rotate')} onClick={onRotate}>
      <IconRotateClockwise size={18} />
    </ToolButton>
  );
}

/** Applies a key's zoom action; page actions are the PDF viewer's own. */
export function zoomForKey(action: ViewerKeyAction, scale: number): Zoom | null {
  if (action === 'zoomIn') return canZoom(scale, 1) ? stepZoom(scale, 1) : null;
  if (action === 'zoomOut') return canZoom(scale, -1) ? stepZoom(scale, -1) : null;
  if (action === 'fit') return FIT;
  return null;
}
