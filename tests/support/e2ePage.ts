import { expect, type Locator, type Page } from '@playwright/test';

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

/** Every training account's password (shown on the sign-in screen in training mode). */
export const TRAINING_PASSWORD = 'formation-2026';

/** Signs in from the sign-in screen and waits for the inbox. */
export async function signInAs(page: Page, username: string, password = TRAINING_PASSWORD) {
  const form = page.getByRole('form', { name: 'Connexion' });
  await form.getByLabel('Identifiant').fill(username);
  await form.locator('input[type="password"]').fill(password);
  await form.getByRole('button', { name: 'Se connecter' }).click();
  await expect(page.getByRole('navigation', { name: 'Corbeilles' })).toBeVisible();
}

/** Signs out through the user menu and waits for the sign-in screen. */
export async function signOut(page: Page) {
  await page.getByRole('button', { name: 'Menu de l’utilisateur' }).click();
  await page.getByRole('menuitem', { name: 'Se déconnecter' }).click();
  await expect(page.getByRole('form', { name: 'Connexion' })).toBeVisible();
}

/** Opens Bureau from its launch URL and signs in as the given training account. */
export async function openAs(page: Page, launchUrl: string, username: string) {
  await page.goto(launchUrl);
  await signInAs(page, username);
}

/** Opens a queue from the sidebar (« Tous », « À traiter »…) and waits for its first row. */
export async function showQueue(page: Page, queue: string) {
  await page
    .getByRole('navigation', { name: 'Corbeilles' })
    .getByText(queue, { exact: true })
    .click();
  const grid = page.getByTestId('inbox-grid');
  await expect(grid.locator('[role="rowgroup"] [role="row"]').first()).toBeVisible();
  return grid;
}

/**
 * Watches the page for an element (by test id) from now on, through every change of the DOM, so
 * that even a state shown for less than a frame is caught; answers whether it was ever there.
 */
export async function watchForTestId(page: Page, testId: string): Promise<() => Promise<boolean>> {
  const slot = `watched_${testId.replace(/\W/g, '_')}`;
  await page.evaluate(`(() => {
    const seen = { found: false };
    globalThis.${slot} = seen;
    new MutationObserver(() => {
      if (document.querySelector('[data-testid="${testId}"]')) seen.found = true;
    }).observe(document.body, { childList: true, subtree: true });
  })()`);
  return () => page.evaluate<boolean>(`globalThis.${slot}.found`);
}
