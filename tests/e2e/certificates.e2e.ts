import { expect, test, type Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import type {
  CertificateFile,
  CertificatePage,
  CertificateSummary,
} from '../../src/shared/api/certificateTypes';
import type { CaseDetail } from '../../src/shared/api/types';
import { pageRpc, screenshotPath, useTrainingHost } from '../support/e2eHost';
import { findTwoCases } from '../support/e2eCases';
import { canvasInk, collectConsoleErrors, openAs, signInAs, signOut } from '../support/e2ePage';
import { tempDir } from '../support/paths';

const host = useTrainingHost(240);

/** Two cases without sign-off, of two procedures. */
const findCases = (page: Page) =>
  findTwoCases(
    page,
    (detail, kept) =>
      !detail.procedure.signOffRequired &&
      !kept.some((other) => other.row.procedureCode === detail.row.procedureCode),
    'two cases without sign-off',
  );

/** Claims, ticks the whole checklist and approves through the API (the UI path is tested once). */
async function approveThroughApi(page: Page, detail: CaseDetail): Promise<void> {
  const id = detail.row.id;
  await pageRpc(page, 'cases.claim', { id });
  for (const item of detail.procedure.checklist) {
    await pageRpc(page, 'cases.tickChecklist', { id, itemId: item.id, checked: true });
  }
  const approved = await pageRpc<CaseDetail>(page, 'cases.approve', { id });
  expect(approved.row.status).toBe('approved');
}

const USERNAMES: Record<string, string> = {
  'u-agent-akossiwa': 'akossiwa.mensah',
  'u-sup-ablavi': 'ablavi.lawson',
};

/** Signs out and back in as another training account (the page keeps its address). */
async function actAs(page: Page, userId: string): Promise<void> {
  await signOut(page);
  await signInAs(page, USERNAMES[userId]!);
}

async function openCase(page: Page, id: string): Promise<void> {
  await page.goto(`${host.origin}/#/cases/${encodeURIComponent(id)}`);
  await expect(page.getByTestId('case-action-bar')).toBeVisible({ timeout: 15_000 });
}

// The tests' tsconfig has no DOM library: the little of it used in the page, typed here.
/** Ink of a rendered certificate, sampled: far from a blank white page. */
const CERTIFICATE_INK = { step: 7, below: 180 };

interface PageWindow {
  print: () => void;
  printedPages?: number;
  dispatchEvent(event: unknown): boolean;
  document: { querySelectorAll(selector: string): { length: number } };
}

/**
 * Stubs the print dialog: records how many page images are ready when it would open, and leaves
 * them in place (as a real dialog does) until `afterprint`.
 */
async function stubPrint(page: Page): Promise<void> {
  await page.evaluate(() => {
    const view = globalThis as unknown as PageWindow;
    view.printedPages = 0;
    view.print = () => {
      view.printedPages = view.document.querySelectorAll('[data-testid="print-pages"] img').length;
    };
  });
}

async function printedPages(page: Page): Promise<number> {
  return page.evaluate(() => (globalThis as unknown as PageWindow).printedPages ?? 0);
}

/** The dialog closes: the print-only pages go away. */
async function closePrintDialog(page: Page): Promise<void> {
  await page.evaluate(() => {
    (globalThis as unknown as PageWindow).dispatchEvent(new Event('afterprint'));
  });
  await expect(page.getByTestId('print-pages')).toHaveCount(0);
}

/** The QR text of a certificate PDF, read as anyone would: page rendered by pdftoppm, zbarimg. */
function qrTextOfPdf(base64: string): string {
  const dir = tempDir('bureau-qr-');
  const pdf = join(dir, 'certificate.pdf');
  writeFileSync(pdf, Buffer.from(base64, 'base64'));
  execFileSync('pdftoppm', ['-r', '200', '-png', '-f', '1', '-l', '1', pdf, join(dir, 'page')]);
  const png = readdirSync(dir).find((name) => name.endsWith('.png'));
  if (!png) throw new Error('pdftoppm rendered no page');
  return execFileSync('zbarimg', ['--quiet', '--raw', join(dir, png)])
    .toString('utf8')
    .trim();
}

/**
 * A forged QR text: the genuine one whose signed payload names someone else as holder (one letter
 * changed), re-encoded so it stays well-formed — `BUR1.<payload>.<signature>`, the payload being
 * base64url of fields separated by U+001F, the holder third (src/main/core/certificates/qrPayload.ts).
 */
function tamper(qrText: string): string {
  const [prefix, payload, signature] = qrText.split('.') as [string, string, string];
  const fields = Buffer.from(payload, 'base64url').toString('utf8').split('\u001f');
  const holder = fields[2]!;
  fields[2] = (holder[0] === 'K' ? 'M' : 'K') + holder.slice(1);
  const edited = Buffer.from(fields.join('\u001f'), 'utf8').toString('base64url');
  return `${prefix}.${edited}.${signature}`;
}

test('approval issues the certificate: preview, print, save, list, verification, bulk issue', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const consoleErrors = collectConsoleErrors(page);
  await openAs(page, host.launchUrl, 'kossi.agbodjan');
  await expect(page.getByTestId('sync-status')).toContainText('À jour', { timeout: 30_000 });
  const [main, second] = await findCases(page);

  // — Kossi approves a case in the UI; the certificate is issued straight away —
  await openCase(page, main.row.id);
  await page.getByTestId('action-claim').click();
  await expect(page.getByTestId('claim-state')).toContainText('Vous avez ce dossier en charge');
  await page.getByRole('switch', { name: /dossier suivant/ }).uncheck();
  for (const item of main.procedure.checklist) {
    const box = page.getByTestId(`checklist-${item.id}`);
    await box.click();
    await expect(box).toBeChecked();
    await expect(box).toBeEnabled();
  }
  await page.getByTestId('action-approve').click();
  await page.getByTestId('approve-dialog-confirm').click();
  await expect(page.getByText(`Demande ${main.row.reference} approuvée`)).toBeVisible();
  await expect(page.getByText(/Certificat n° \S+ délivré/)).toBeVisible({ timeout: 20_000 });

  const panel = page.getByTestId('certificate-panel');
  await expect(panel).toBeVisible();
  await expect(page.getByTestId('case-view').getByText('Certificat délivré').first()).toBeVisible();
  const [certificate] = await pageRpc<CertificateSummary[]>(page, 'certificates.forCase', {
    caseId: main.row.id,
  });
  expect(certificate).toBeDefined();
  const number = certificate!.number;
  await expect(panel.getByTestId('certificate-number')).toHaveText(number);
  await expect(panel.getByTestId('certificate-status')).toHaveText('Valide');
  await expect(panel).toContainText('Kossi Agbodjan');

  // — The preview renders the stored PDF with pdf.js —
  const canvas = panel.getByTestId('pdf-canvas');
  await expect(canvas).toBeVisible({ timeout: 20_000 });
  await expect
    .poll(() => canvasInk(canvas, CERTIFICATE_INK).then((canvas) => canvas.ink), {
      timeout: 10_000,
    })
    .toBeGreaterThan(2_000);
  await panel.evaluate((element) => element.scrollIntoView({ block: 'start' }));
  await page.screenshot({
    path: screenshotPath('certificates-case-panel.png'),
    // The toasts of the checklist and the approval would hide the documents column.
    style: '.mantine-Notifications-root { display: none !important; }',
  });

  // — Print renders every page for the print dialog; save downloads `<number>.pdf` —
  await stubPrint(page);
  await panel.getByTestId('certificate-print').click();
  await expect.poll(() => printedPages(page)).toBeGreaterThan(0);
  // On paper: the certificate's pages only, none of the app around them.
  await page.emulateMedia({ media: 'print' });
  await expect(page.getByTestId('case-view')).toBeHidden();
  await expect(page.getByTestId('print-pages').locator('img').first()).toBeVisible();
  await page.screenshot({ path: screenshotPath('certificates-print.png') });
  await page.emulateMedia({ media: 'screen' });
  await closePrintDialog(page);
  const download = page.waitForEvent('download');
  await panel.getByTestId('certificate-save').click();
  expect((await download).suggestedFilename()).toBe(`${number}.pdf`);

  // — A duplicate is produced once, counted, and can be printed —
  await panel.getByTestId('certificate-reprint').click();
  const reprint = page.getByTestId('reprint-dialog');
  await expect(reprint).toContainText('DUPLICATA');
  await reprint.getByTestId('reprint-confirm').click();
  await expect(reprint.getByTestId('pdf-canvas')).toBeVisible({ timeout: 20_000 });
  await expect
    .poll(() =>
      canvasInk(reprint.getByTestId('pdf-canvas'), CERTIFICATE_INK).then((canvas) => canvas.ink),
    )
    .toBeGreaterThan(2_000);
  await page.screenshot({ path: screenshotPath('certificates-reprint.png') });
  await stubPrint(page);
  await reprint.getByTestId('reprint-print').click();
  await expect.poll(() => printedPages(page)).toBeGreaterThan(0);
  await closePrintDialog(page);
  await page.keyboard.press('Escape');
  await expect(reprint).toBeHidden();
  await expect(panel.getByTestId('certificate-duplicates')).toHaveText('1 duplicata imprimé');

  // — The certificates list shows it; a click opens its case —
  await page.getByTestId('nav-certificates').click();
  await expect(page.getByTestId('certificates-view')).toBeVisible();
  await page.getByTestId('certificates-search').fill(number);
  const row = page.locator(`[data-testid="certificate-row"][data-number="${number}"]`);
  await expect(row).toBeVisible();
  await expect(page.getByTestId('certificate-row')).toHaveCount(1);
  await expect(row).toContainText(certificate!.holderName);
  await expect(row).toContainText('Valide');
  await page.getByTestId('certificates-search').fill('');
  await expect(page.getByTestId('certificates-total')).toContainText('certificat');
  await page.screenshot({ path: screenshotPath('certificates-list.png') });
  await row.click();
  await expect(page.getByTestId('case-reference')).toHaveText(main.row.reference);

  // — Verification: the genuine PDF of a training desk is a specimen, never « Authentique » —
  await page.getByTestId('nav-verify').click();
  await expect(page.getByTestId('verify-view')).toBeVisible();
  const file = await pageRpc<CertificateFile>(page, 'certificates.file', { id: certificate!.id });
  await page
    .getByTestId('verify-view')
    .locator('input[type="file"]')
    .setInputFiles({
      name: file.fileName,
      mimeType: 'application/pdf',
      buffer: Buffer.from(file.base64, 'base64'),
    });
  const verdict = page.getByTestId('verdict');
  await expect(verdict).toHaveAttribute('data-verdict', 'specimen', { timeout: 20_000 });
  await expect(page.getByTestId('verdict-title')).toHaveText('Spécimen — formation');
  await expect(page.getByTestId('verdict-message')).toContainText(
    'Certificat de formation (SPÉCIMEN) : sans valeur officielle',
  );
  await expect(page.getByTestId('verdict-specimen')).toContainText('SPÉCIMEN — FORMATION');
  await expect(page.getByTestId('verdict-number')).toHaveText(number);
  await expect(verdict).toContainText(certificate!.holderName);
  await page.screenshot({ path: screenshotPath('certificates-verify-specimen.png') });

  // — A QR text with one edited character of its payload is forged —
  const qrText = qrTextOfPdf(file.base64);
  await page.getByTestId('verify-text').fill(tamper(qrText));
  await page.getByTestId('verify-submit').click();
  await expect(verdict).toHaveAttribute('data-verdict', 'forged', { timeout: 20_000 });
  await expect(page.getByTestId('verdict-title')).toHaveText('Falsifié');
  await page.screenshot({ path: screenshotPath('certificates-verify-forged.png') });
  // The genuine text, pasted with the keyboard shortcut, is a specimen again.
  await page.getByTestId('verify-text').fill(qrText);
  await page.getByTestId('verify-text').press('Control+Enter');
  await expect(verdict).toHaveAttribute('data-verdict', 'specimen');

  // — Bulk issue from the inbox selection: an approved case gets its certificate —
  await approveThroughApi(page, second);
  await page.goto(`${host.origin}/#/inbox/done`);
  await page.locator('#header-search').fill(second.row.reference);
  // The search settles on the one case before it is ticked (a new answer clears the selection).
  await expect(page.getByTestId('inbox-total')).toHaveText('1 dossier');
  await expect(
    page.getByTestId('inbox-grid').locator('[role="rowgroup"] [role="row"]'),
  ).toHaveCount(1);
  await page
    .getByRole('checkbox', { name: `Sélectionner le dossier ${second.row.reference}` })
    .check();
  await page.getByTestId('bulk-issue').click();
  const bulk = page.getByTestId('bulk-issue-dialog');
  await expect(bulk).toContainText('1 dossier approuvé recevra son certificat');
  await page.screenshot({ path: screenshotPath('certificates-bulk-confirm.png') });
  await bulk.getByTestId('bulk-issue-start').click();
  await expect(bulk.getByTestId('bulk-summary')).toContainText('1 certificat délivré', {
    timeout: 20_000,
  });
  await expect(bulk.getByTestId('bulk-progress-text')).toHaveText('1 / 1');
  await page.screenshot({ path: screenshotPath('certificates-bulk.png') });
  const issued = await pageRpc<CertificatePage>(page, 'certificates.list', {
    search: second.row.reference,
  });
  expect(issued.rows.map((entry) => entry.applicationId)).toEqual([second.row.id]);
  await bulk.getByRole('button', { name: 'Fermer' }).last().click();
  await expect(bulk).toBeHidden();

  // — A supervisor revokes the first certificate; verification then says révoqué, with why —
  await actAs(page, 'u-sup-ablavi');
  await openCase(page, main.row.id);
  await expect(panel.getByTestId('certificate-reprint')).toBeVisible();
  await panel.getByTestId('certificate-revoke').click();
  const revoke = page.getByTestId('revoke-dialog');
  await expect(revoke).toContainText('ne sera plus valable');
  await expect(revoke.getByTestId('revoke-confirm')).toBeDisabled();
  const reason = 'Valeur FOB erronée : un nouveau certificat sera délivré.';
  await revoke.getByTestId('revoke-reason').fill(reason);
  await page.screenshot({ path: screenshotPath('certificates-revoke.png') });
  await revoke.getByTestId('revoke-confirm').click();
  await expect(page.getByText(`Certificat n° ${number} révoqué`)).toBeVisible();
  await expect(panel.getByTestId('certificate-status')).toHaveText('Révoqué');
  await expect(panel.getByTestId('certificate-revoked')).toContainText(reason);
  await expect(panel.getByTestId('certificate-revoke')).toHaveCount(0);
  await page.getByTestId('nav-verify').click();
  await page
    .getByTestId('verify-view')
    .locator('input[type="file"]')
    .setInputFiles({
      name: file.fileName,
      mimeType: 'application/pdf',
      buffer: Buffer.from(file.base64, 'base64'),
    });
  await expect(verdict).toHaveAttribute('data-verdict', 'revoked', { timeout: 20_000 });
  await expect(page.getByTestId('verdict-title')).toHaveText('Révoqué');
  await expect(page.getByTestId('verdict-message')).toContainText('SPÉCIMEN');
  await expect(verdict).toContainText(reason);
  await page.screenshot({ path: screenshotPath('certificates-verify-revoked.png') });

  expect(consoleErrors).toEqual([]);
});
