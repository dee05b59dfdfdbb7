/**
 * The window's size and place, remembered between launches in a small JSON file. Pure: parsing
 * and clamping are tested without Electron; `windowStateFile.ts` does the reading and writing.
 */
export interface Rect {
  x: number;
  y: number;
  width: number;
  height: number;
}

export interface WindowState {
  bounds: Rect;
  maximized: boolean;
}

/** Where to open: `x`/`y` absent means "centre it". */
export interface WindowPlacement {
  x?: number;
  y?: number;
  width: number;
  height: number;
  maximized: boolean;
}

export const DEFAULT_SIZE = { width: 1440, height: 900 } as const;
export const MIN_SIZE = { width: 1024, height: 640 } as const;
/** A remembered window must show at least this much on some display, or it is re-centred. */
const MIN_VISIBLE = { width: 200, height: 100 } as const;
/** No real screen is bigger; a larger number is a corrupt file, not a window. */
const MAX_COORDINATE = 100_000;

const isCoordinate = (value: unknown): value is number =>
  typeof value === 'number' && Number.isInteger(value) && Math.abs(value) <= MAX_COORDINATE;
const isLength = (value: unknown): value is number => isCoordinate(value) && value > 0;

/** The file's content, or null when it is missing, corrupt or from another shape. */
export function parseWindowState(value: unknown): WindowState | null {
  if (typeof value !== 'object' || value === null) return null;
  const { bounds, maximized } = value as Record<string, unknown>;
  if (typeof bounds !== 'object' || bounds === null) return null;
  const { x, y, width, height } = bounds as Record<string, unknown>;
  if (!isCoordinate(x) || !isCoordinate(y) || !isLength(width) || !isLength(height)) return null;
  return { bounds: { x, y, width, height }, maximized: maximized === true };
}

function overlap(a: Rect, b: Rect): { width: number; height: number } {
  return {
    width: Math.max(0, Math.min(a.x + a.width, b.x + b.width) - Math.max(a.x, b.x)),
    height: Math.max(0, Math.min(a.y + a.height, b.y + b.height) - Math.max(a.y, b.y)),
  };
}

const clamp = (value: number, low: number, high: number) => Math.min(Math.max(value, low), high);

/**
 * Where the window opens, given what was remembered and the displays' work areas now (a laptop
 * undocked from its second screen, a resolution lowered). The remembered bounds are kept when
 * they fit; moved and shrunk inside the display they mostly sit on when they do not; and
 * forgotten (default size, centred) when no display shows enough of them.
 */
export function placeWindow(
  saved: WindowState | null,
  workAreas: readonly Rect[],
): WindowPlacement {
  const primary = workAreas[0];
  const fallback = (): WindowPlacement => ({
    width: primary ? Math.min(DEFAULT_SIZE.width, primary.width) : DEFAULT_SIZE.width,
    height: primary ? Math.min(DEFAULT_SIZE.height, primary.height) : DEFAULT_SIZE.height,
    maximized: saved?.maximized ?? false,
  });
  if (!saved || !primary) return fallback();

  let best: { area: Rect; visible: number } | null = null;
  for (const area of workAreas) {
    const shown = overlap(saved.bounds, area);
    if (shown.width < MIN_VISIBLE.width || shown.height < MIN_VISIBLE.height) continue;
    const visible = shown.width * shown.height;
    if (!best || visible > best.visible) best = { area, visible };
  }
  if (!best) return fallback();

  const { area } = best;
  const width = clamp(saved.bounds.width, Math.min(MIN_SIZE.width, area.width), area.width);
  const height = clamp(saved.bounds.height, Math.min(MIN_SIZE.height, area.height), area.height);
  return {
    x: clamp(saved.bounds.x, area.x, area.x + area.width - width),
    y: clamp(saved.bounds.y, area.y, area.y + area.height - height),
    width,
    height,
    maximized: saved.maximized,
  };
}
