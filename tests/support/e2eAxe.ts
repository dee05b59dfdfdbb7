import AxeBuilder from '@axe-core/playwright';
import { expect, type Page } from '@playwright/test';

// The tests' tsconfig has no DOM library: the little of it read in the page, typed here.
interface PageDocument {
  getAnimations(): {
    playState: string;
    effect: { getComputedTiming(): { endTime?: number | string } } | null;
  }[];
}

/** No transition or animation still running that will end (an endless one, a loader's, never does). */
function animationsFinished(): boolean {
  const { document } = globalThis as unknown as { document: PageDocument };
  return document
    .getAnimations()
    .every(
      (animation) =>
        animation.playState !== 'running' ||
        animation.effect === null ||
        animation.effect.getComputedTiming().endTime === Infinity,
    );
}

/**
 * axe-core, WCAG 2.1 A and AA: no serious or critical finding on what `screen` shows. Axe judges
 * what is on screen, so it waits until the page has settled — no request under way, nothing
 * loading (skeletons and spinners say so with aria-busy), no transition or animation left to
 * finish — rather than for a set time. `exclude`: selectors not judged (a toast of another screen).
 */
export async function expectAccessible(
  page: Page,
  screen: string,
  options: { exclude?: readonly string[] } = {},
): Promise<void> {
  await page.waitForLoadState('networkidle');
  await expect(page.locator('[aria-busy="true"]')).toHaveCount(0);
  await page.waitForFunction(animationsFinished);
  let builder = new AxeBuilder({ page }).withTags(['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa']);
  for (const selector of options.exclude ?? []) builder = builder.exclude(selector);
  const { violations } = await builder.analyze();
  const report = violations
    .filter((violation) => violation.impact === 'serious' || violation.impact === 'critical')
    .map(
      (violation) =>
        `${screen}: ${violation.id} (${violation.impact}) ${violation.help}\n` +
        violation.nodes
          .slice(0, 5)
          .map((node) => `    ${node.target.join(' ')} — ${node.failureSummary ?? ''}`)
          .join('\n'),
    );
  expect(report, report.join('\n')).toEqual([]);
}
