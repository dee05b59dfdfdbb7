import { create } from 'zustand';
import { applyZoom, saveZoom, storedZoom } from './zoom';
import { DEFAULT_ZOOM, stepZoom, type ZoomStep } from './zoomSteps';

/** The desktop dialogs (À propos, Affichage) and the zoom, opened from the user menu or the app menu. */
interface DesktopState {
  aboutOpen: boolean;
  displayOpen: boolean;
  zoom: ZoomStep;
  setAboutOpen(open: boolean): void;
  setDisplayOpen(open: boolean): void;
  setZoom(zoom: ZoomStep): void;
  zoomBy(direction: 1 | -1): void;
  resetZoom(): void;
}

// Applied as soon as the renderer loads, so the sign-in screen is already at the clerk's size.
const initialZoom = storedZoom();
applyZoom(initialZoom);

export const useDesktopStore = create<DesktopState>()((set, get) => ({
  aboutOpen: false,
  displayOpen: false,
  zoom: initialZoom,
  setAboutOpen: (open) => set({ aboutOpen: open, ...(open ? { displayOpen: false } : {}) }),
  setDisplayOpen: (open) => set({ displayOpen: open, ...(open ? { aboutOpen: false } : {}) }),
  setZoom: (zoom) => {
    applyZoom(zoom);
    saveZoom(zoom);
    set({ zoom });
  },
  zoomBy: (direction) => get().setZoom(stepZoom(get().zoom, direction)),
  resetZoom: () => get().setZoom(DEFAULT_ZOOM),
}));
