import { DEFAULT_ZOOM, isZoomStep, type ZoomStep } from './zoomSteps';

/** The zoom kept on this computer and applied to the page (steps and keys: zoomSteps.ts). */
const STORAGE_KEY = 'bureau.zoom';

export function storedZoom(): ZoomStep {
  try {
    const value = Number(localStorage.getItem(STORAGE_KEY));
    return isZoomStep(value) ? value : DEFAULT_ZOOM;
  } catch {
    return DEFAULT_ZOOM;
  }
}

export function saveZoom(zoom: ZoomStep): void {
  try {
    localStorage.setItem(STORAGE_KEY, String(zoom));
  } catch {
    // A locked-down profile may refuse storage; the zoom still holds for this session.
  }
}

export function applyZoom(zoom: ZoomStep): void {
  const root = document.documentElement;
  root.style.zoom = zoom === DEFAULT_ZOOM ? '' : String(zoom / 100);
  root.dataset.zoom = String(zoom);
}
