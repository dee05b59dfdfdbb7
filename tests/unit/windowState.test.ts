import { describe, expect, it } from 'vitest';
import {
  DEFAULT_SIZE,
  parseWindowState,
  placeWindow,
  type Rect,
} from '../../src/main/electron/windowState';

const laptop: Rect = { x: 0, y: 0, width: 1366, height: 728 };
const wide: Rect = { x: 0, y: 0, width: 1920, height: 1040 };
const rightScreen: Rect = { x: 1920, y: 0, width: 1920, height: 1040 };
const saved = (x: number, y: number, width: number, height: number, maximized = false) => ({
  bounds: { x, y, width, height },
  maximized,
});

describe('the remembered window state file', () => {
  it('accepts well-formed bounds and a maximized flag', () => {
    expect(parseWindowState({ bounds: { x: -8, y: 10, width: 1200, height: 800 } })).toEqual(
      saved(-8, 10, 1200, 800, false),
    );
    expect(
      parseWindowState({ bounds: { x: 1, y: 2, width: 3, height: 4 }, maximized: true }),
    ).toEqual(saved(1, 2, 3, 4, true));
  });

  it('rejects anything else: missing, non-integer, negative sizes, absurd numbers', () => {
    for (const value of [
      null,
      'x',
      42,
      {},
      { bounds: null },
      { bounds: { x: 0, y: 0, width: 1200 } },
      { bounds: { x: '0', y: 0, width: 1200, height: 800 } },
      { bounds: { x: 0.5, y: 0, width: 1200, height: 800 } },
      { bounds: { x: 0, y: 0, width: 0, height: 800 } },
      { bounds: { x: 0, y: 0, width: -1200, height: 800 } },
      { bounds: { x: 1e9, y: 0, width: 1200, height: 800 } },
      { bounds: { x: 0, y: 0, width: Number.NaN, height: 800 } },
    ]) {
      expect(parseWindowState(value)).toBeNull();
    }
  });
});

describe('where the window opens', () => {
  it('opens centred at the default size the first time, shrunk to a small screen', () => {
    expect(placeWindow(null, [wide])).toEqual({ ...DEFAULT_SIZE, maximized: false });
    expect(placeWindow(null, [laptop])).toEqual({ width: 1366, height: 728, maximized: false });
  });

  it('keeps a remembered place that is fully visible', () => {
    expect(placeWindow(saved(100, 50, 1200, 800), [wide])).toEqual({
      x: 100,
      y: 50,
      width: 1200,
      height: 800,
      maximized: false,
    });
  });

  it('stays on the second screen when it is still there', () => {
    expect(placeWindow(saved(2000, 100, 1400, 900), [wide, rightScreen])).toMatchObject({
      x: 2000,
      y: 100,
    });
  });

  it('is re-centred at the default size when its screen was unplugged', () => {
    expect(placeWindow(saved(2000, 100, 1400, 900, true), [wide])).toEqual({
      ...DEFAULT_SIZE,
      maximized: true,
    });
  });

  it('is pulled back and shrunk to fit the display it mostly sits on', () => {
    // Remembered on a big screen, now on a laptop: half off the right edge and too tall.
    expect(placeWindow(saved(800, 200, 1440, 900), [laptop])).toEqual({
      x: 0,
      y: 0,
      width: 1366,
      height: 728,
      maximized: false,
    });
    // Partly above the top of the screen: brought down so its title bar can be grabbed.
    expect(placeWindow(saved(100, -300, 1100, 700), [wide])).toMatchObject({ x: 100, y: 0 });
  });

  it('chooses the display showing most of a window that straddles two', () => {
    const placed = placeWindow(saved(1500, 100, 1200, 800), [wide, rightScreen]);
    expect(placed).toMatchObject({ x: 1920, y: 100, width: 1200, height: 800 });
  });

  it('does not trust a sliver: less than 200×100 pixels visible is lost', () => {
    expect(placeWindow(saved(1850, 100, 1200, 800), [wide])).toEqual({
      ...DEFAULT_SIZE,
      maximized: false,
    });
  });

  it('keeps the minimum size unless the display itself is smaller', () => {
    expect(placeWindow(saved(10, 10, 300, 200), [wide])).toMatchObject({
      width: 1024,
      height: 640,
    });
    const tiny: Rect = { x: 0, y: 0, width: 800, height: 600 };
    expect(placeWindow(saved(0, 0, 1200, 800), [tiny])).toMatchObject({
      x: 0,
      y: 0,
      width: 800,
      height: 600,
    });
  });

  it('works with no display reported at all', () => {
    expect(placeWindow(saved(0, 0, 1200, 800), [])).toEqual({ ...DEFAULT_SIZE, maximized: false });
  });
});
