/**
 * The display zoom for low-vision users: a few steps from 90 % to 200 %, kept in localStorage,
 * applied (zoom.ts) as CSS `zoom` on the root so everything scales together (Mantine's rem sizes and the
 * pixel sizes of the inbox rows alike), the same in the browser and in Electron.
 */
export const ZOOM_STEPS = [90, 100, 110, 125, 150, 175, 200] as const;
export type ZoomStep = (typeof ZOOM_STEPS)[number];
export const DEFAULT_ZOOM: ZoomStep = 100;

export function isZoomStep(value: unknown): value is ZoomStep {
  return ZOOM_STEPS.includes(value as ZoomStep);
}

/** The next step up (`+1`) or down (`-1`), staying at the ends. */
export function stepZoom(current: ZoomStep, direction: 1 | -1): ZoomStep {
  const index = ZOOM_STEPS.indexOf(current);
  const next = Math.min(Math.max(index + direction, 0), ZOOM_STEPS.length - 1);
  return ZOOM_STEPS[next] ?? DEFAULT_ZOOM;
}

/** Which zoom key, if any: Ctrl (or ⌘) with =/+, -, 0, on the main row or the keypad, any layout. */
export function zoomKey(event: {
  key: string;
  code: string;
  ctrlKey: boolean;
  metaKey: boolean;
  altKey: boolean;
}): 'in' | 'out' | 'reset' | null {
  if (!(event.ctrlKey || event.metaKey) || event.altKey) return null;
  if (event.key === '=' || event.key === '+' || event.code === 'NumpadAdd') return 'in';
  if (event.key === '-' || event.code === 'NumpadSubtract') return 'out';
  if (event.key === '0' || event.code === 'Digit0' || event.code === 'Numpad0') return 'reset';
  return null;
}
