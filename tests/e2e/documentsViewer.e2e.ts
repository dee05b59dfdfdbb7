import { expect, test, type Page } from '@playwright/test';
import PDFDocument from 'pdfkit';
import type { CaseDetail, InboxPage } from '../../src/shared/api/types';
import { pageRpc, screenshotPath, useTrainingHost } from '../support/e2eHost';
import { canvasInk, collectConsoleErrors, openAs } from '../support/e2ePage';

const host = useTrainingHost(120);

/** A case whose attachments are all downloaded, with two PDFs and an image. */
async function findCase(page: Page): Promise<CaseDetail> {
  const list = await pageRpc<InboxPage>(page, 'inbox.list', { queue: 'all', limit: 120 });
  for (const row of list.rows) {
    const detail = await pageRpc<CaseDetail>(page, 'cases.get', { id: row.id });
    const { documents } = detail.record;
    const pdfs = documents.filter((doc) => doc.mimeType === 'application/pdf');
    if (
      pdfs.length >= 2 &&
      documents.some((doc) => doc.mimeType !== 'application/pdf') &&
      detail.sync.documents.every((status) => status.state === 'ready')
    ) {
      return detail;
    }
  }
  throw new Error('no training case with two PDFs, an image and every attachment downloaded');
}

/** A real three-page PDF: the simulator's attachments are single pages. */
function threePagePdf(): string {
  const document = new PDFDocument({ size: 'A4', margin: 56 });
  for (let page = 1; page <= 3; page++) {
    if (page > 1) document.addPage();
    document.font('Helvetica-Bold').fontSize(28).text(`Page ${page} sur 3`);
    document.rect(56, 200, 200 * page, 300).fill(page === 2 ? '#006a4e' : '#c8102e');
  }
  document.end();
  const chunks: Buffer[] = [];
  for (let chunk = document.read() as Buffer | null; chunk; chunk = document.read()) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks).toString('base64');
}

// The tests' tsconfig has no DOM library: the little of it used in the page, typed here.
interface PageImage {
  complete: boolean;
  naturalWidth: number;
}

test('the documents panel shows a case’s PDF on a canvas, pages through it, and rotates an image', async ({
  page,
}) => {
  test.setTimeout(120_000);
  const consoleErrors = collectConsoleErrors(page);

  await openAs(page, host.launchUrl, 'kossi.agbodjan');
  await expect(page.getByTestId('sync-status')).toContainText('À jour', { timeout: 30_000 });
  const detail = await findCase(page);
  const documents = detail.record.documents;
  const [firstPdf, secondPdf] = documents.filter((doc) => doc.mimeType === 'application/pdf');
  const image = documents.find((doc) => doc.mimeType !== 'application/pdf')!;
  // Only the bytes of the second PDF are replaced; the viewer's path is the same.
  const multiPage = threePagePdf();
  await page.route('**/api/rpc/documents.content', async (route) => {
    const input = JSON.parse(route.request().postData() ?? '{}') as { id?: string };
    if (input.id !== secondPdf!.id) return route.continue();
    return route.fulfill({
      json: {
        ok: true,
        value: {
          id: input.id,
          fileName: 'trois-pages.pdf',
          mimeType: 'application/pdf',
          base64: multiPage,
        },
      },
    });
  });

  await page.goto(`${host.origin}/#/cases/${encodeURIComponent(detail.row.id)}`);
  const panel = page.getByTestId('documents-panel');
  await expect(panel).toBeVisible();
  for (const doc of documents)
    await expect(panel.getByTestId(`document-tab-${doc.id}`)).toBeVisible();
  const label = (code: string) => detail.procedure.documents.find((entry) => entry.code === code);
  await expect(panel.getByTestId(`document-tab-${firstPdf!.id}`)).toContainText(
    label(firstPdf!.code)?.label.fr ?? firstPdf!.fileName,
  );

  // The simulator's own PDF, through documents.content and pdf.js.
  await panel.getByTestId(`document-tab-${firstPdf!.id}`).click();
  await expect(panel.getByTestId(`document-tab-${firstPdf!.id}`)).toHaveAttribute(
    'aria-selected',
    'true',
  );
  const canvas = panel.getByTestId('pdf-canvas');
  await expect(canvas).toBeVisible({ timeout: 20_000 });
  await expect(panel.getByTestId('pdf-page-indicator')).toHaveText(/^Page 1 \/ \d+$/);
  expect((await canvasInk(canvas)).ink).toBeGreaterThan(500);
  await page.screenshot({ path: screenshotPath('documents-pdf.png') });

  // Pages, with the keyboard and the buttons.
  await panel.getByTestId(`document-tab-${secondPdf!.id}`).click();
  const indicator = panel.getByTestId('pdf-page-indicator');
  await expect(indicator).toHaveText('Page 1 / 3');
  await expect(canvas).toHaveAttribute('data-page', '1');
  const firstPage = await canvasInk(canvas);
  expect(firstPage.ink).toBeGreaterThan(500);
  await canvas.click();
  await page.keyboard.press('PageDown');
  await expect(indicator).toHaveText('Page 2 / 3');
  await expect(canvas).toHaveAttribute('data-page', '2');
  expect((await canvasInk(canvas)).digest).not.toBe(firstPage.digest);
  await page.keyboard.press('ArrowRight');
  await expect(indicator).toHaveText('Page 3 / 3');
  await expect(panel.getByRole('button', { name: 'Page suivante' })).toBeDisabled();
  await panel.getByRole('button', { name: 'Page précédente' }).click();
  await expect(indicator).toHaveText('Page 2 / 3');

  // Zoom: + enlarges the page, « Ajuster à la largeur » brings it back.
  const fitted = (await canvas.boundingBox())!.width;
  const zoomLevel = panel.getByTestId('viewer-zoom');
  const fittedLevel = await zoomLevel.textContent();
  await canvas.click();
  await page.keyboard.press('+');
  await expect(zoomLevel).not.toHaveText(fittedLevel!);
  await expect.poll(async () => (await canvas.boundingBox())!.width).toBeGreaterThan(fitted + 10);
  await panel.getByRole('button', { name: 'Ajuster à la largeur' }).click();
  await expect(zoomLevel).toHaveText(fittedLevel!);
  await page.screenshot({ path: screenshotPath('documents-pdf-page2.png') });

  // The image, shown whole, then turned a quarter.
  await panel.getByTestId(`document-tab-${image.id}`).click();
  const picture = panel.getByTestId('image-viewer');
  await expect(picture).toBeVisible();
  await expect
    .poll(() =>
      picture.evaluate((node) => {
        const element = node as unknown as PageImage;
        return element.complete ? element.naturalWidth : 0;
      }),
    )
    .toBeGreaterThan(0);
  await expect.poll(async () => (await picture.boundingBox())?.width ?? 0).toBeGreaterThan(50);
  const before = (await picture.boundingBox())!;
  await page.screenshot({ path: screenshotPath('documents-image.png') });
  await panel.getByRole('button', { name: 'Pivoter de 90° vers la droite' }).click();
  await expect(picture).toHaveAttribute('data-rotation', '90');
  await expect
    .poll(async () => {
      const after = (await picture.boundingBox())!;
      return after.width > after.height;
    })
    .toBe(!(before.width > before.height));
  await page.screenshot({ path: screenshotPath('documents-image-rotated.png') });

  expect(consoleErrors).toEqual([]);
});
