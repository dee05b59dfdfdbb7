/** Zoom levels the +/− buttons step through (1 = actual size). */
export const ZOOM_STEPS = [0.25, 0.33, 0.5, 0.67, 0.75, 0.9, 1, 1.1, 1.25, 1.5, 1.75, 2, 2.5, 3, 4];
const MIN_ZOOM = ZOOM_STEPS[0] ?? 0.25;
const MAX_ZOOM = ZOOM_STEPS[ZOOM_STEPS.length - 1] ?? 4;

/** « Fit » (a PDF's width, a whole image) follows the column as it is resized; a level stays put. */
export type Zoom = { kind: 'fit' } | { kind: 'scale'; scale: number };

export const FIT: Zoom = { kind: 'fit' };

export function effectiveScale(zoom: Zoom, fitScale: number): number {
  return zoom.kind === 'fit' ? fitScale : zoom.scale;
}

/** The next step above (direction 1) or below (−1) the scale shown now, within the bounds. */
export function stepZoom(current: number, direction: 1 | -1): Zoom {
  // A small tolerance so that 1.0999 (a fit width) steps to 1.25, not to 1.1.
  const next =
    direction > 0
      ? ZOOM_STEPS.find((step) => step > current * 1.01)
      : [...ZOOM_STEPS].reverse().find((step) => step < current * 0.99);
  return { kind: 'scale', scale: next ?? (direction > 0 ? MAX_ZOOM : MIN_ZOOM) };
}

export function canZoom(current: number, direction: 1 | -1): boolean {
  return direction > 0 ? current < MAX_ZOOM * 0.99 : current > MIN_ZOOM * 1.01;
}

/** Quarter turns, clockwise. */
export type Rotation = 0 | 90 | 180 | 270;

export function rotateClockwise(rotation: Rotation): Rotation {
  return ((rotation + 90) % 360) as Rotation;
}
