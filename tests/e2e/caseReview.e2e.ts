import { expect, test, type Page } from '@playwright/test';
import type { CaseDetail, InboxPage } from '../../src/shared/api/types';
import { pageRpc, screenshotPath, useTrainingHost } from '../support/e2eHost';
import { openAs, signInAs, signOut } from '../support/e2ePage';

const host = useTrainingHost(240);

/** Open cases waiting in the office, with their attachments, found through the real API. */
async function findCases(page: Page) {
  const list = await pageRpc<InboxPage>(page, 'inbox.list', {
    queue: 'to_process',
    filters: { statuses: ['submitted'] },
    limit: 300,
  });
  const details: CaseDetail[] = [];
  for (const row of list.rows)
    details.push(await pageRpc<CaseDetail>(page, 'cases.get', { id: row.id }));
  const ready = (detail: CaseDetail) => detail.sync.documents.every((doc) => doc.state === 'ready');
  const withPdfAndImage = details.find(
    (detail) =>
      !detail.procedure.signOffRequired &&
      detail.procedure.checklist.length > 0 &&
      ready(detail) &&
      detail.record.documents.some((doc) => doc.mimeType === 'application/pdf') &&
      detail.record.documents.some((doc) => doc.mimeType !== 'application/pdf'),
  );
  const signOff = details.find((detail) => detail.procedure.signOffRequired);
  const other = details.find(
    (detail) => detail !== withPdfAndImage && !detail.procedure.signOffRequired,
  );
  if (!withPdfAndImage || !signOff || !other) throw new Error('training data lacks a case shape');
  return { main: withPdfAndImage, signOff, other };
}

async function syncNow(page: Page): Promise<void> {
  await page.getByRole('button', { name: 'Synchroniser maintenant' }).first().click();
  await expect(page.getByTestId('sync-status')).toContainText('À jour', { timeout: 30_000 });
}

const USERNAMES: Record<string, string> = {
  'u-agent-akossiwa': 'akossiwa.mensah',
  'u-sup-ablavi': 'ablavi.lawson',
};

/** Signs out and back in as another training account (who lands on their own home). */
async function actAs(page: Page, userId: string): Promise<void> {
  await signOut(page);
  await signInAs(page, USERNAMES[userId]!);
}

async function openCase(page: Page, id: string): Promise<void> {
  await page.goto(`${host.origin}/#/cases/${encodeURIComponent(id)}`);
  await expect(page.getByTestId('case-action-bar')).toBeVisible({ timeout: 15_000 });
}

async function tickWholeChecklist(page: Page, detail: CaseDetail): Promise<void> {
  for (const item of detail.procedure.checklist) {
    const box = page.getByTestId(`checklist-${item.id}`);
    await box.click();
    await expect(box).toBeChecked();
    await expect(box).toBeEnabled();
  }
}

test('a clerk claims, reviews documents, asks for more, gets the reply, approves; sign-off and locks hold', async ({
  page,
}) => {
  test.setTimeout(180_000);
  await openAs(page, host.launchUrl, 'kossi.agbodjan');
  await expect(page.getByTestId('sync-status')).toContainText('À jour', { timeout: 30_000 });
  const { main, signOff, other } = await findCases(page);

  // — Kossi (agent) claims the case —
  await openCase(page, main.row.id);
  await expect(page.getByTestId('claim-state')).toContainText('Personne n’a pris ce dossier');
  await expect(page.getByTestId('action-approve')).toHaveCount(0);
  await page.getByTestId('action-claim').click();
  await expect(page.getByTestId('claim-state')).toContainText('Vous avez ce dossier en charge');
  await expect(page.getByTestId('case-view').getByText('En instruction').first()).toBeVisible();
  // Stay on each case after deciding, to check the outcome on its screen (the option is
  // remembered for Kossi; each person has their own, issue 19).
  await page.getByRole('switch', { name: /dossier suivant/ }).uncheck();

  // — Documents: a PDF page on canvas, an image —
  const pdf = main.record.documents.find((doc) => doc.mimeType === 'application/pdf')!;
  const image = main.record.documents.find((doc) => doc.mimeType !== 'application/pdf')!;
  await page.getByTestId(`document-tab-${pdf.id}`).click();
  await expect(page.getByTestId('pdf-canvas')).toBeVisible({ timeout: 15_000 });
  await expect(page.getByTestId('pdf-page-indicator')).toContainText(/1\s*\/\s*\d+/);
  await page.screenshot({ path: screenshotPath('case-review-pdf.png') });
  await page.getByTestId(`document-tab-${image.id}`).click();
  await expect(page.getByTestId('image-viewer')).toBeVisible();

  // — Approval waits for the checklist —
  await expect(page.getByTestId('action-approve')).toBeDisabled();
  await tickWholeChecklist(page, main);
  await expect(page.getByTestId('action-approve')).toBeEnabled();

  // — Request more information —
  await page.getByTestId('action-requestInfo').click();
  const infoDialog = page.getByRole('dialog', { name: /Demander un complément/ });
  await expect(infoDialog).toContainText('Le délai de traitement est suspendu');
  const requested = main.procedure.documents[0]!;
  await infoDialog.getByLabel(requested.label.fr).check();
  await infoDialog
    .getByLabel('Message au demandeur')
    .fill('Merci de fournir la pièce manquante, lisible.');
  await page.screenshot({ path: screenshotPath('case-review-request-info.png') });
  await page.getByTestId('request-info-dialog-confirm').click();
  await expect(page.getByText(`Complément demandé pour ${main.row.reference}`)).toBeVisible();
  await expect(page.getByText('Délai suspendu : en attente du demandeur')).toBeVisible();
  await expect(page.getByTestId('last-decision')).toContainText(requested.label.fr);

  // — The applicant replies on the portal —
  await syncNow(page);
  const info = await pageRpc<{ portalUrl: string }>(page, 'app.info', {});
  const reply = await fetch(`${info.portalUrl}/__sim/changes`, {
    method: 'POST',
    headers: { authorization: `Bearer ${host.portalToken}`, 'content-type': 'application/json' },
    body: JSON.stringify({ id: main.row.id, kind: 'reply' }),
  });
  expect(reply.status).toBeLessThan(300);
  await syncNow(page);
  const changes = page.getByTestId('reply-changes');
  await expect(changes).toBeVisible({ timeout: 15_000 });
  await expect(changes).toContainText('Le demandeur a répondu');
  await expect(changes).toContainText('1 nouvelle pièce');
  // The document that came with the reply is marked new in the documents panel.
  await expect(page.getByTestId('documents-panel')).toContainText('Nouveau');
  await expect(page.getByTestId('case-view').getByText('En instruction').first()).toBeVisible();
  await page.screenshot({ path: screenshotPath('case-review-reply.png'), fullPage: true });

  // — Approve —
  await page.getByTestId('action-approve').click();
  const approveDialog = page.getByRole('dialog', { name: /Approuver la demande/ });
  await expect(approveDialog).toContainText('ne peut pas être annulée');
  await page.getByTestId('approve-dialog-confirm').click();
  await expect(page.getByText(`Demande ${main.row.reference} approuvée`)).toBeVisible();
  // Approval issues the certificate at once (issue 6): the case ends « Certificat délivré ».
  await expect(page.getByText(/Certificat n° .+ délivré/).first()).toBeVisible();
  await expect(page.getByTestId('case-view').getByText('Certificat délivré').first()).toBeVisible();
  await expect(page.getByTestId('history')).toContainText('Demande approuvée');

  // — A sign-off procedure goes to a supervisor —
  await openCase(page, signOff.row.id);
  await page.getByTestId('action-claim').click();
  await expect(page.getByTestId('claim-state')).toContainText('Vous avez ce dossier en charge');
  await tickWholeChecklist(page, signOff);
  await page.getByTestId('action-approve').click();
  await expect(page.getByRole('dialog')).toContainText('exige la validation d’un superviseur');
  await page.getByTestId('approve-dialog-confirm').click();
  await expect(
    page.getByTestId('case-view').getByText('En attente de validation').first(),
  ).toBeVisible();

  // — Kossi also claims a third case; a second clerk cannot decide it —
  await openCase(page, other.row.id);
  await page.getByTestId('action-claim').click();
  await expect(page.getByTestId('claim-state')).toContainText('Vous avez ce dossier en charge');
  await actAs(page, 'u-agent-akossiwa');
  // The next person starts from their own home, not on the previous person's case (issue 19).
  await expect(page).toHaveURL(/#\/inbox\/mine$/);
  await openCase(page, other.row.id);
  await expect(page.getByTestId('claim-state')).toContainText('Pris en charge par Kossi Agbodjan');
  await expect(page.getByTestId('action-approve')).toBeDisabled();
  await expect(page.getByTestId('action-reject')).toBeDisabled();
  await expect(page.getByTestId('action-claim')).toHaveCount(0);
  await page.screenshot({ path: screenshotPath('case-review-locked.png') });
  const refused = await page.evaluate(async (id) => {
    const response = await fetch('/api/rpc/cases.reject', {
      method: 'POST',
      body: JSON.stringify({ id, reasonCodes: ['X'], comment: 'non' }),
    });
    return (await response.json()) as { ok: boolean; error: { code: string; message: string } };
  }, other.row.id);
  expect(refused.ok).toBe(false);
  expect(refused.error.code).toBe('workflow_refused');
  expect(refused.error.message).toContain('pris en charge par un autre agent');

  // — The supervisor signs off the sensitive-import authorisation —
  await actAs(page, 'u-sup-ablavi');
  await openCase(page, signOff.row.id);
  // Kossi's choice to stay on the case is his: Ablavi makes her own.
  await expect(page.getByRole('switch', { name: /dossier suivant/ })).toBeChecked();
  await page.getByRole('switch', { name: /dossier suivant/ }).uncheck();
  await page.getByTestId('action-signOff').click();
  const signOffDialog = page.getByTestId('signoff-dialog');
  await expect(signOffDialog).toContainText('Proposée par Kossi Agbodjan');
  await page.screenshot({ path: screenshotPath('case-review-signoff.png') });
  await page.getByTestId('signoff-approve').click();
  await expect(
    page.getByText(`Décision validée : ${signOff.row.reference} approuvée`),
  ).toBeVisible();
  await expect(page.getByTestId('case-view').getByText('Certificat délivré').first()).toBeVisible();
  await expect(page.getByTestId('history')).toContainText('Décision validée par le superviseur');

  // Everything reached the portal through the outbox.
  await syncNow(page);
  const { events: list } = (await (
    await fetch(`${info.portalUrl}/__sim/events`, {
      headers: { authorization: `Bearer ${host.portalToken}` },
    })
  ).json()) as { events: { applicationId: string; kind: string }[] };
  const kindsOf = (id: string) =>
    list.filter((event) => event.applicationId === id).map((event) => event.kind);
  expect(kindsOf(main.row.id)).toEqual([
    'case.claimed',
    'info.requested',
    'decision.approved',
    'certificate.issued',
  ]);
  expect(kindsOf(signOff.row.id)).toEqual([
    'case.claimed',
    'signoff.requested',
    'decision.approved',
    'certificate.issued',
  ]);
});
