import { expect, test, type Locator, type Page } from '@playwright/test';
import { pageRpc, screenshotPath, useTrainingHost } from '../support/e2eHost';
import { expectAccessible as expectAccessibleOn } from '../support/e2eAxe';
import { openAs } from '../support/e2ePage';

/**
 * Issue 19: dates and times follow the interface's language, never the browser's. The browser
 * here is American (en-US): a native field would show « mm/dd/yyyy » and « 07:30 AM ».
 */
const host = useTrainingHost(40);

test.use({ viewport: { width: 1366, height: 768 }, locale: 'en-US', timezoneId: 'UTC' });

const expectAccessible = (page: Page, screen: string) =>
  expectAccessibleOn(page, screen, { exclude: ['.mantine-Notifications-root'] });

/** The error Mantine shows under a field, found through the field's aria-describedby. */
async function errorBeside(field: Locator): Promise<string | null> {
  const described = (await field.getAttribute('aria-describedby')) ?? '';
  const id = described.split(' ').find((candidate) => candidate.endsWith('-error'));
  return id ? field.page().locator(`[id="${id}"]`).textContent() : null;
}

/** The width of the field's placeholder and the room its text box gives it, in pixels. */
async function placeholderFits(field: Locator): Promise<{ text: number; room: number }> {
  return field.evaluate((input) => {
    const view = globalThis as unknown as PageWindow;
    const box = input as unknown as MeasuredInput;
    const style = view.getComputedStyle(box);
    const context = view.document.createElement('canvas').getContext('2d');
    context.font = `${style.fontWeight} ${style.fontSize} ${style.fontFamily}`;
    const room = box.clientWidth - parseFloat(style.paddingLeft) - parseFloat(style.paddingRight);
    return { text: Math.ceil(context.measureText(box.placeholder).width), room };
  });
}

/** The little of the DOM the measure uses (the e2e specs are compiled without the DOM types). */
interface MeasuredInput {
  placeholder: string;
  clientWidth: number;
}
interface PageWindow {
  getComputedStyle(element: MeasuredInput): {
    font: string;
    fontWeight: string;
    fontSize: string;
    fontFamily: string;
    paddingLeft: string;
    paddingRight: string;
  };
  document: {
    createElement(tag: 'canvas'): {
      getContext(kind: '2d'): { font: string; measureText(text: string): { width: number } };
    };
  };
}

test('holidays and office hours: French day and 24-hour time pickers on an English browser', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openAs(page, host.launchUrl, 'edem.dossou');
  expect(await page.evaluate(() => navigator.language)).toBe('en-US');

  // — Holidays: JJ/MM/AAAA, a French month calendar, and « 31/02 » is an invalid date —
  await page.getByTestId('nav-admin-holidays').click();
  const year = await page.getByTestId('holidays-year').textContent();
  await page.getByTestId('holiday-add').click();
  const added = page.getByTestId('holiday-row').last();
  const date = added.getByTestId('holiday-date');
  await expect(date).toHaveAttribute('placeholder', 'JJ/MM/AAAA');
  await date.fill(`31/02/${year}`);
  await added.getByTestId('holiday-label').fill('Journée de deuil national');
  await expect.poll(() => errorBeside(date)).toBe('Date invalide : ce jour n’existe pas');
  await expect(date).toHaveValue(`31/02/${year}`);
  await date.fill(`24/11/${year}`);
  await expect.poll(() => errorBeside(date)).toBeNull();
  const calendar = page.locator('[data-dates-dropdown]');
  await expect(calendar).toBeVisible();
  await expect(calendar).toContainText(new RegExp(`novembre ${year}`, 'i'));
  await expect(calendar).toContainText(/lu\s*ma\s*me\s*je\s*ve\s*sa\s*di/i);
  await expect(added).toHaveAttribute('data-date', `${year}-11-24`);
  await page.screenshot({ path: screenshotPath('pickers-holiday-open-1366.png') });
  await expectAccessible(page, 'holidays, calendar open');
  // A day picked in the calendar is written DD/MM/YYYY and sent as YYYY-MM-DD.
  await calendar.getByRole('button', { name: `25 novembre ${year}` }).click();
  await expect(date).toHaveValue(`25/11/${year}`);
  await expect(added).toHaveAttribute('data-date', `${year}-11-25`);

  // — Office hours: 24 hours, « 07:30 », no AM/PM —
  await page.getByTestId('nav-admin-office').click();
  const opens = page.getByTestId('office-opens');
  await expect(opens.getByRole('spinbutton', { name: 'Heures' })).toHaveValue(/^\d\d$/);
  await expect(page.getByTestId('admin-office')).not.toContainText(/AM|PM/);
  await opens.getByRole('spinbutton', { name: 'Heures' }).fill('07');
  await opens.getByRole('spinbutton', { name: 'Minutes' }).fill('30');
  const closes = page.getByTestId('office-closes');
  await closes.getByRole('spinbutton', { name: 'Heures' }).fill('18');
  await closes.getByRole('spinbutton', { name: 'Minutes' }).fill('15');
  await expect(opens.getByRole('spinbutton', { name: 'Heures' })).toHaveValue('07');
  await page.getByTestId('office-save').click();
  await expect(page.getByText('Réglages du bureau enregistrés.')).toBeVisible();
  // Sent as before: HH:MM.
  const saved = await pageRpc<{ opensAt: string; closesAt: string }>(page, 'admin.office.get', {});
  expect(saved).toMatchObject({ opensAt: '07:30', closesAt: '18:15' });
  await page.screenshot({ path: screenshotPath('pickers-office-hours-1366.png') });
  await expectAccessible(page, 'office hours');
});

test('the dashboard period and the inbox « Dépôt » range are French too; Ctrl+K’s placeholder is whole', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openAs(page, host.launchUrl, 'ablavi.lawson');

  // — Dashboard: a custom period typed JJ/MM/AAAA —
  await page.getByTestId('nav-dashboard').click();
  await page.getByTestId('period-presets').getByText('Personnalisé').click();
  await page.getByTestId('period-from').fill('01/01/2020');
  await expect(page.getByText('Une période d’un an au plus.')).toBeVisible();
  // Clicked then typed, as a clerk does: the first field's calendar closes.
  await page.getByTestId('period-to').click();
  await page.getByTestId('period-to').fill('31/01/2020');
  // The calendar of the field typed in (the previous one may still be closing).
  await expect(
    page
      .locator('[data-dates-dropdown]')
      .filter({ hasText: /janvier 2020/i })
      .last(),
  ).toBeVisible();
  await page.keyboard.press('Escape');
  await expect(page.getByTestId('dashboard-empty')).toBeVisible();
  await expect(page.getByTestId('period-from')).toHaveValue('01/01/2020');

  // — Inbox: the « Dépôt » range, still sent as ISO days —
  await page
    .getByRole('navigation', { name: 'Corbeilles' })
    .getByText('Tous', { exact: true })
    .click();
  await page.getByRole('button', { name: /^Dépôt/ }).click();
  await page.getByTestId('filter-submitted-from').fill('01/01/2020');
  // The calendar of the field typed in (the previous one may still be closing).
  await expect(
    page
      .locator('[data-dates-dropdown]')
      .filter({ hasText: /janvier 2020/i })
      .last(),
  ).toBeVisible();
  await expect(page).toHaveURL(/2020-01-01/);
  // The « Du » calendar opens beside the fields: « Au » stays in sight and can be clicked.
  await page.getByTestId('filter-submitted-to').click({ trial: true, timeout: 3_000 });
  await page.screenshot({ path: screenshotPath('pickers-inbox-range-1366.png') });
  await page.keyboard.press('Escape');

  // — Ctrl+K: the placeholder is whole at 1366×768 —
  await page.keyboard.press('Escape');
  await page.keyboard.press('Control+k');
  const quick = page.getByTestId('quick-search-input');
  await expect(quick).toBeFocused();
  const fits = await placeholderFits(quick);
  expect(fits.text, JSON.stringify(fits)).toBeLessThanOrEqual(fits.room);
  await page.screenshot({ path: screenshotPath('quick-search-1366.png') });
  await page.keyboard.press('Escape');
  const header = await placeholderFits(page.getByTestId('header-search'));
  expect(header.text, JSON.stringify(header)).toBeLessThanOrEqual(header.room);
});
