import { describe, expect, it } from 'vitest';
import {
  DEFAULT_ZOOM,
  isZoomStep,
  stepZoom,
  ZOOM_STEPS,
  zoomKey,
} from '../../src/renderer/src/desktop/zoomSteps';

const key = (
  key: string,
  code: string,
  modifiers: { ctrl?: boolean; alt?: boolean; meta?: boolean } = { ctrl: true },
) => ({
  key,
  code,
  ctrlKey: modifiers.ctrl ?? false,
  metaKey: modifiers.meta ?? false,
  altKey: modifiers.alt ?? false,
});

describe('the display zoom', () => {
  it('goes from 90 % to 200 % in steps, 100 % by default', () => {
    expect(ZOOM_STEPS).toEqual([90, 100, 110, 125, 150, 175, 200]);
    expect(DEFAULT_ZOOM).toBe(100);
    expect(isZoomStep(125)).toBe(true);
    expect(isZoomStep(120)).toBe(false);
    expect(isZoomStep('125')).toBe(false);
  });

  it('steps up and down, staying at the ends', () => {
    expect(stepZoom(100, 1)).toBe(110);
    expect(stepZoom(125, 1)).toBe(150);
    expect(stepZoom(110, -1)).toBe(100);
    expect(stepZoom(200, 1)).toBe(200);
    expect(stepZoom(90, -1)).toBe(90);
  });

  it('answers Ctrl with =, +, - and 0, on the main keys or the keypad, on any layout', () => {
    expect(zoomKey(key('=', 'Equal'))).toBe('in');
    expect(zoomKey(key('+', 'Equal'))).toBe('in');
    expect(zoomKey(key('+', 'NumpadAdd'))).toBe('in');
    expect(zoomKey(key('-', 'Minus'))).toBe('out');
    expect(zoomKey(key('-', 'NumpadSubtract'))).toBe('out');
    expect(zoomKey(key('0', 'Digit0'))).toBe('reset');
    // French AZERTY: the 0 key types « à » without Shift.
    expect(zoomKey(key('à', 'Digit0'))).toBe('reset');
    expect(zoomKey(key('0', 'Numpad0'))).toBe('reset');
    expect(zoomKey(key('=', 'Equal', { meta: true }))).toBe('in');
  });

  it('ignores the same keys without Ctrl, with Alt (AltGr), and other Ctrl shortcuts', () => {
    expect(zoomKey(key('=', 'Equal', {}))).toBeNull();
    expect(zoomKey(key('0', 'Digit0', { ctrl: true, alt: true }))).toBeNull();
    expect(zoomKey(key('k', 'KeyK'))).toBeNull();
  });
});
