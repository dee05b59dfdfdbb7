import type { Locator, Page } from '@playwright/test';

// The tests' tsconfig has no DOM library: the little of it used in the page, typed here.
interface PageCanvas {
  width: number;
  height: number;
  getContext(kind: '2d'): {
    getImageData(x: number, y: number, w: number, h: number): { data: Uint8ClampedArray };
  } | null;
}

/**
 * How many pixels of a canvas are ink (a channel darker than `below`), reading every `step`-th
 * pixel, and a digest of where they are (to tell two renders apart).
 */
export function canvasInk(
  canvas: Locator,
  options: { step?: number; below?: number } = {},
): Promise<{ ink: number; digest: number }> {
  const { step = 1, below = 200 } = options;
  return canvas.evaluate(
    (node, { step, below }) => {
      const element = node as unknown as PageCanvas;
      const context = element.getContext('2d');
      if (!context) return { ink: 0, digest: 0 };
      const { data } = context.getImageData(0, 0, element.width, element.height);
      let ink = 0;
      let digest = 0;
      for (let i = 0; i < data.length; i += 4 * step) {
        if (data[i]! < below || data[i + 1]! < below || data[i + 2]! < below) {
          ink++;
          digest = (digest * 31 + i) % 1_000_000_007;
        }
      }
      return { ink, digest };
    },
    { step, below },
  );
}

/** Collects the page's console errors and uncaught exceptions, for a final `toEqual([])`. */
export function collectConsoleErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') errors.push(message.text());
  });
  page.on('pageerror', (error) => errors.push(error.message));
  return errors;
}
