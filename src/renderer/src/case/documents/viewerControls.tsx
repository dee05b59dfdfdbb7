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
import type { TFunction } from 'i18next';
import {
  useCallback,
  useEffect,
  useEffectEvent,
  useId,
  useRef,
  type ReactNode,
  type RefObject,
} from 'react';
import { useTranslation } from 'react-i18next';
import { cachedByKey } from '../../format/cachedFormatter';
import { localeFor } from '../../format/locale';
import { comboText } from '../../shell/shortcutKeys';
import { shortcut, shortcutFor, type KeyPress, type ShortcutId } from '../../shell/shortcuts';
import { isFreeKeyPress, usesArrowKeys } from '../../shell/typingTarget';
import { useLanguage } from '../../shell/useLanguage';
import classes from './DocumentsPanel.module.css';
import { canZoom, FIT, stepZoom, type Zoom } from './zoom';

/** The margin around a page or image inside the surface (`.stage` padding, both sides). */
export const STAGE_PADDING = 16;

const percentFormat = cachedByKey(
  (locale) => new Intl.NumberFormat(locale, { style: 'percent', maximumFractionDigits: 0 }),
);

export type ViewerKeyAction =
  'previous' | 'next' | 'first' | 'last' | 'zoomIn' | 'zoomOut' | 'fit' | 'rotate';

const VIEWER_SHORTCUTS = {
  'viewer.previousPage': 'previous',
  'viewer.nextPage': 'next',
  'viewer.firstPage': 'first',
  'viewer.lastPage': 'last',
  'viewer.zoomIn': 'zoomIn',
  'viewer.zoomOut': 'zoomOut',
  'viewer.fit': 'fit',
  'viewer.rotate': 'rotate',
} as const satisfies Partial<Record<ShortcutId, ViewerKeyAction>>;

/** Keys that scroll the case page: they turn the viewer's pages only once the viewer has focus. */
const SCROLL_KEYS = new Set(['PageUp', 'PageDown', 'Home', 'End']);

/**
 * The viewer's action for a key press (from the shortcuts table). `focused`: the focus is inside
 * the viewer; elsewhere on the case page the scroll keys keep scrolling, and the arrows are left
 * to a widget that moves with them (a radio group, a menu).
 */
export function viewerKeyAction(
  event: KeyPress,
  focused: boolean,
  target: EventTarget | null = null,
): ViewerKeyAction | null {
  // Ctrl/⌘ with + and − is the window's own zoom: the table's viewer keys have no modifier.
  const id = shortcutFor(event, Object.keys(VIEWER_SHORTCUTS) as (keyof typeof VIEWER_SHORTCUTS)[]);
  if (!id) return null;
  if (!focused && SCROLL_KEYS.has(event.key)) return null;
  if (!focused && event.key.startsWith('Arrow') && usesArrowKeys(target)) return null;
  return VIEWER_SHORTCUTS[id];
}

/**
 * The viewer's keys on the whole case page while no field has the focus, not only once the viewer
 * has it. `onAction` says whether it used the key (an image has no pages).
 */
export function useViewerKeys(
  body: RefObject<HTMLElement | null>,
  onAction: (action: ViewerKeyAction) => boolean,
) {
  const act = useEffectEvent(onAction);
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      if (!isFreeKeyPress(event)) return;
      const focused = body.current?.contains(document.activeElement) ?? false;
      const action = viewerKeyAction(event, focused, event.target);
      if (action && act(action)) event.preventDefault();
    };
    window.addEventListener('keydown', onKeyDown);
    return () => window.removeEventListener('keydown', onKeyDown);
  }, [body]);
}

/** The keys in the toolbar's hint, written from the shortcuts table. */
export function viewerHint(t: TFunction, pages: boolean): string {
  const keys = (...ids: ShortcutId[]) =>
    ids.map((id) => comboText(shortcut(id).keys[0]!, t)).join(' / ');
  const item = (combo: string, action: 'page' | 'zoom' | 'fit' | 'rotate') =>
    t('shortcuts.viewerHint.item', { keys: combo, action: t(`shortcuts.viewerHint.${action}`) });
  return [
    ...(pages ? [item(keys('viewer.previousPage', 'viewer.nextPage'), 'page')] : []),
    item(keys('viewer.zoomIn', 'viewer.zoomOut'), 'zoom'),
    item(keys('viewer.fit'), 'fit'),
    item(keys('viewer.rotate'), 'rotate'),
  ].join(' · ');
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
