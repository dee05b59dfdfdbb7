/**
 * What the renderer's component tests share: the browser APIs jsdom lacks and Mantine needs, the
 * French translations, and a render inside the app's providers. Import it before the component.
 */
import '../src/i18n/i18n';
import { MantineProvider } from '@mantine/core';
import { QueryClientProvider, type QueryClient } from '@tanstack/react-query';
import { cleanup, render } from '@testing-library/react';
import type { ReactNode } from 'react';
import type { ApiEvents, EventName } from '../../shared/api/events';
import { afterEach, vi } from 'vitest';

if (!window.matchMedia) {
  window.matchMedia = (query: string) =>
    ({
      matches: false,
      media: query,
      onchange: null,
      addEventListener: () => undefined,
      removeEventListener: () => undefined,
      addListener: () => undefined,
      removeListener: () => undefined,
      dispatchEvent: () => false,
    }) as MediaQueryList;
}
window.ResizeObserver ??= class {
  observe() {}
  unobserve() {}
  disconnect() {}
};
Element.prototype.scrollIntoView ??= () => undefined;
// Mantine's autosizing textarea listens for web fonts loading.
if (!('fonts' in document)) {
  Object.defineProperty(document, 'fonts', {
    value: { addEventListener: () => undefined, removeEventListener: () => undefined },
  });
}

afterEach(() => {
  cleanup();
  vi.clearAllMocks();
});

/** Renders inside the app's providers; `rerender` keeps them. */
export function renderWithProviders(ui: ReactNode, queryClient: QueryClient) {
  return render(ui, {
    wrapper: ({ children }) => (
      <QueryClientProvider client={queryClient}>
        <MantineProvider>{children}</MantineProvider>
      </QueryClientProvider>
    ),
  });
}

/** A promise the test settles when it chooses: answers arrive in the order the test says. */
export interface Deferred<T> {
  promise: Promise<T>;
  resolve(value: T): void;
  reject(error: unknown): void;
}

export function deferred<T>(): Deferred<T> {
  let resolve!: (value: T) => void;
  let reject!: (error: unknown) => void;
  const promise = new Promise<T>((yes, no) => {
    resolve = yes;
    reject = no;
  });
  return { promise, resolve, reject };
}

/** The core's event stream, driven by the test. */
export function fakeEvents() {
  const listeners = new Map<EventName, Set<(payload: never) => void>>();
  return {
    on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void) {
      const set = listeners.get(event) ?? new Set();
      set.add(listener as (payload: never) => void);
      listeners.set(event, set);
      return () => set.delete(listener as (payload: never) => void);
    },
    emit<E extends EventName>(event: E, payload: ApiEvents[E]) {
      for (const listener of listeners.get(event) ?? []) listener(payload as never);
    },
  };
}
