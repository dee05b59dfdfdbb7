import { drawQrCode } from '../certificates/drawQrCode';
import type { FontName, FontSet } from '../certificates/pdfFonts';
import { pdfDocumentClass } from '../certificates/pdfKit';
import { fill } from './composeLetter';
import type { LetterBlock, LetterDocument } from './letterDocument';

/**
 * Renders a decision letter as an A4 PDF (PDF/A-2b as PDFKit declares it), with the certificates'
 * embedded fonts: a French administrative letter — the ministry and the Republic in the header,
 * number and place/date, addressee, « Objet » and « Réf. », the body, the signatory, then the
 * signed QR code and the verification hint, and on every page the footer and page number (and
 * the SPÉCIMEN or APERÇU marks). A pure function of the stored document: the same document gives
 * the same bytes, so a lost file is rendered again and checked against its recorded SHA-256.
 * A long letter (many reasons, a long comment) flows onto further pages.
 */

const PAGE = { width: 595.28, height: 841.89 };
const LEFT = 62;
const RIGHT = PAGE.width - 62;
const WIDTH = RIGHT - LEFT;
const TOP = 56;
/** Text stops here; the footer lives below. */
const BOTTOM_MARGIN = 92;
const FOOTER_Y = PAGE.height - 74;
const FLAG = { green: '#006A4E', yellow: '#FFCE00', red: '#D21034' };
/** Ligatures break text extraction of some readers on the mark's letters. */
const NO_LIGATURES = {
  features: { liga: false, clig: false } as unknown as PDFKit.Mixins.TextOptions['features'],
};

const metadataText = (text: string) =>
  text.replace(/&/g, 'et').replace(/</g, '‹').replace(/>/g, '›');

function drain(doc: PDFKit.PDFDocument): Buffer {
  const chunks: Buffer[] = [];
  const stream = doc as unknown as { read(): Buffer | null };
  for (let chunk = stream.read(); chunk !== null; chunk = stream.read()) chunks.push(chunk);
  const bytes = Buffer.concat(chunks);
  if (!bytes.subarray(-8).toString('latin1').includes('%%EOF')) {
    throw new Error('PDFKit did not finish the document synchronously');
  }
  return bytes;
}

export function renderLetterPdf(document: LetterDocument, fonts: FontSet): Buffer {
  const mark = document.preview
    ? ` — ${document.labels.preview}`
    : document.training
      ? ` — ${document.labels.specimen}`
      : '';
  const PDFDocument = pdfDocumentClass();
  const doc = new PDFDocument({
    size: 'A4',
    margins: { top: TOP, bottom: BOTTOM_MARGIN, left: LEFT, right: PAGE.width - RIGHT },
    bufferPages: true,
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    lang: 'fr-FR',
    displayTitle: true,
    font: fonts.serif as unknown as string,
    info: {
      Title: metadataText(
        `${document.title}${document.number ? ` n° ${document.number}` : ''}${mark}`,
      ),
      Author: metadataText(`${document.ministry} — ${document.direction}`),
      Subject: metadataText(`${document.object.text} — demande ${document.reference}${mark}`),
      Keywords: metadataText(
        [document.number, document.procedureCode, document.reference].filter(Boolean).join(', '),
      ),
      Creator: 'Bureau — courriers',
      Producer: 'Bureau (PDFKit)',
      CreationDate: new Date(document.issuedAt),
      ...(document.qrText ? { BureauVerification: document.qrText } : {}),
    } as PDFKit.DocumentInfo,
  });
  for (const [name, font] of Object.entries(fonts)) {
    doc.registerFont(name, font as unknown as PDFKit.Mixins.PDFFontSource);
  }
  // No ligatures anywhere: text extraction and search then read « fi » as two letters, which is
  // what a screen reader, a search in the letter and pdftotext expect.
  const plainText = doc.text.bind(doc) as (...args: unknown[]) => PDFKit.PDFDocument;
  doc.text = ((content: string, x?: unknown, y?: unknown, options?: object) => {
    if (typeof x === 'object' && x !== null) return plainText(content, { ...NO_LIGATURES, ...x });
    if (x === undefined) return plainText(content, NO_LIGATURES);
    return plainText(content, x, y, { ...NO_LIGATURES, ...options });
  }) as typeof doc.text;
  const font = (name: FontName) => doc.font(name);
  const { colors } = document;

  drawHeader(doc, document, font);
  drawBody(doc, document, font);
  drawSignatureAndQr(doc, document, font);

  const range = doc.bufferedPageRange();
  for (let index = 0; index < range.count; index++) {
    doc.switchToPage(range.start + index);
    // Below the bottom margin: PDFKit would open a new page for text written there.
    doc.page.margins.bottom = 0;
    drawFooter(doc, document, font, index + 1, range.count);
    if (document.preview)
      drawDiagonal(doc, document.labels.preview, document.labels.previewNotice, colors.muted, font);
    else if (document.training)
      drawDiagonal(
        doc,
        document.labels.specimen,
        document.labels.specimenNotice,
        colors.specimen,
        font,
      );
  }
  doc.end();
  return drain(doc);
}

function drawHeader(
  doc: PDFKit.PDFDocument,
  document: LetterDocument,
  font: (name: FontName) => void,
): void {
  const { colors } = document;
  const column = 230;
  doc.fillColor(colors.ink);
  font('serifBold');
  doc.fontSize(8.6).text(document.ministry.toLocaleUpperCase('fr-FR'), LEFT - 8, TOP, {
    width: column,
    align: 'center',
    lineGap: 1,
  });
  let left = doc.y;
  doc.moveTo(LEFT + column / 2 - 28, left + 4).lineTo(LEFT + column / 2 + 20, left + 4);
  doc.lineWidth(0.6).strokeColor(colors.ink).stroke();
  font('serif');
  doc
    .fontSize(8.8)
    .text(document.direction, LEFT - 8, left + 9, { width: column, align: 'center' });
  left = doc.y;
  font('serifItalic');
  doc
    .fontSize(8.2)
    .fillColor(colors.muted)
    .text(document.officeLine, LEFT - 8, left + 2, {
      width: column,
      align: 'center',
    });
  left = doc.y;

  const rightX = RIGHT - column + 8;
  doc.fillColor(colors.ink);
  font('serifBold');
  doc.fontSize(9.4).text(document.country, rightX, TOP, { width: column, align: 'center' });
  font('serifItalic');
  doc.fontSize(8.4).text(document.motto, rightX, doc.y + 2, { width: column, align: 'center' });
  const right = doc.y;

  // The flag's colours under the header.
  const bandY = Math.max(left, right) + 10;
  const third = WIDTH / 3;
  doc.save();
  doc.rect(LEFT, bandY, third, 2.2).fill(FLAG.green);
  doc.rect(LEFT + third, bandY, third, 2.2).fill(FLAG.yellow);
  doc.rect(LEFT + 2 * third, bandY, third, 2.2).fill(FLAG.red);
  doc.restore();

  // Number on the left, place and date on the right.
  const lineY = bandY + 16;
  font('serifBold');
  doc.fontSize(9.6).fillColor(colors.ink);
  const number = document.number ?? `—  (${document.labels.preview})`;
  doc.text(`${document.labels.number} ${number}`, LEFT, lineY, {
    width: WIDTH / 2,
    lineBreak: false,
  });
  font('serif');
  doc.text(document.madeAt, LEFT + WIDTH / 2, lineY, { width: WIDTH / 2, align: 'right' });

  // The addressee, in the right half.
  let y = lineY + 24;
  const addressX = LEFT + WIDTH * 0.5;
  document.addressee.lines.forEach((line, index) => {
    font(index === 0 ? 'serifBold' : 'serif');
    doc.fontSize(10).text(line, addressX, y, { width: WIDTH * 0.5 });
    y = doc.y + 1;
  });

  // Object and reference.
  y += 12;
  for (const { label, text } of [document.object, document.referenceLine]) {
    font('serifBold');
    doc.fontSize(10).text(`${label} `, LEFT, y, { continued: true });
    font(label === document.object.label ? 'serifBold' : 'serif');
    doc.text(text, { width: WIDTH });
    y = doc.y + 4;
  }
  font('serif');
  doc.fontSize(10).text(document.salutation, LEFT, y + 10);
  doc.moveDown(0.5);
}

function drawBlock(
  doc: PDFKit.PDFDocument,
  block: LetterBlock,
  font: (name: FontName) => void,
  ink: string,
): void {
  const paragraph = { width: WIDTH, align: 'justify' as const, lineGap: 1.2 };
  doc.fillColor(ink);
  switch (block.type) {
    case 'paragraph':
      font('serif');
      doc.fontSize(10).text(block.text, LEFT, doc.y, paragraph);
      doc.moveDown(0.5);
      break;
    case 'heading':
      font('serifBold');
      doc.fontSize(10).text(block.text, LEFT, doc.y, { width: WIDTH });
      doc.moveDown(0.25);
      break;
    case 'list':
      font('serif');
      doc.fontSize(10);
      block.items.forEach((item, index) => {
        const label = block.items.length > 1 ? `${index + 1}.` : '–';
        const y = doc.y;
        doc.text(label, LEFT + 10, y, { width: 18, lineBreak: false });
        doc.text(item, LEFT + 30, y, { ...paragraph, width: WIDTH - 30 });
        doc.moveDown(0.25);
      });
      doc.moveDown(0.35);
      break;
    case 'quote':
      font('serifItalic');
      doc
        .fontSize(9.8)
        .text(`« ${block.text} »`, LEFT + 18, doc.y, { ...paragraph, width: WIDTH - 36 });
      doc.moveDown(0.55);
      break;
  }
}

function drawBody(
  doc: PDFKit.PDFDocument,
  document: LetterDocument,
  font: (name: FontName) => void,
): void {
  for (const block of document.blocks) {
    // A heading never ends a page alone.
    if (block.type === 'heading' && doc.y > PAGE.height - BOTTOM_MARGIN - 60) doc.addPage();
    drawBlock(doc, block, font, document.colors.ink);
  }
  // The closing formula stays with the signature and the QR code (SIGNATURE_HEIGHT below it).
  font('serif');
  doc.fontSize(10);
  const closingHeight = doc.heightOfString(document.closing, { width: WIDTH, ...NO_LIGATURES });
  if (doc.y + 2 + closingHeight + 18 + SIGNATURE_HEIGHT > PAGE.height - BOTTOM_MARGIN)
    doc.addPage();
  doc.text(document.closing, LEFT, doc.y + 2, { width: WIDTH });
}

const SIGNATURE_HEIGHT = 150;

/** The signatory on the right, the QR code and its hint on the left: kept together on one page. */
function drawSignatureAndQr(
  doc: PDFKit.PDFDocument,
  document: LetterDocument,
  font: (name: FontName) => void,
): void {
  let top = doc.y + 18;
  if (top + SIGNATURE_HEIGHT > PAGE.height - BOTTOM_MARGIN) {
    doc.addPage();
    top = TOP;
  }
  const { colors, labels } = document;
  const signX = LEFT + WIDTH * 0.5;
  const signWidth = WIDTH * 0.5;
  font('serifBold');
  doc
    .fontSize(10.5)
    .fillColor(colors.ink)
    .text(document.signatory.title, signX, top, { width: signWidth, align: 'center' });
  font('serif');
  doc
    .fontSize(10.5)
    .text(document.signatory.name, signX, doc.y + 34, { width: signWidth, align: 'center' });
  if (document.keyId) {
    font('sans');
    doc
      .fontSize(7.6)
      .fillColor(colors.muted)
      .text(fill(labels.electronicSignature, { keyId: document.keyId }), signX, doc.y + 4, {
        width: signWidth,
        align: 'center',
      });
  }

  const qrSize = 92;
  if (document.qrText) {
    drawQrCode(doc, document.qrText, { x: LEFT, y: top, size: qrSize, color: colors.ink });
  } else {
    doc.save();
    doc
      .lineWidth(0.8)
      .dash(3, { space: 3 })
      .strokeColor(colors.muted)
      .rect(LEFT, top, qrSize, qrSize)
      .stroke();
    doc.restore();
    font('sans');
    doc
      .fontSize(7.6)
      .fillColor(colors.muted)
      .text(labels.preview, LEFT, top + qrSize / 2 - 4, { width: qrSize, align: 'center' });
  }
  font('sansBold');
  doc
    .fontSize(7.6)
    .fillColor(colors.ink)
    .text(labels.verification, LEFT, top + qrSize + 5, { width: 200 });
  font('sans');
  doc
    .fontSize(7)
    .fillColor(colors.muted)
    .text(labels.verificationHint, LEFT, doc.y + 1, { width: 200 });
  font('serifItalic');
  doc
    .fontSize(8)
    .fillColor(colors.muted)
    .text(document.handledBy, LEFT, doc.y + 4, { width: 220 });
}

function drawFooter(
  doc: PDFKit.PDFDocument,
  document: LetterDocument,
  font: (name: FontName) => void,
  page: number,
  pages: number,
): void {
  const { colors } = document;
  doc.save();
  doc
    .moveTo(LEFT, FOOTER_Y - 6)
    .lineTo(RIGHT, FOOTER_Y - 6)
    .lineWidth(0.5)
    .strokeColor(colors.accent)
    .stroke();
  doc.restore();
  font('sans');
  doc.fontSize(7).fillColor(colors.muted);
  let y = FOOTER_Y;
  for (const mention of document.footerMentions) {
    doc.text(mention, LEFT, y, { width: WIDTH - 175 });
    y = doc.y + 1;
  }
  const reference = document.number ?? document.labels.preview;
  doc.text(
    `${reference} — ${fill(document.labels.page, { page: String(page), pages: String(pages) })}`,
    RIGHT - 160,
    FOOTER_Y,
    {
      width: 160,
      align: 'right',
      lineBreak: false,
    },
  );
}

function drawDiagonal(
  doc: PDFKit.PDFDocument,
  mark: string,
  notice: string,
  color: string,
  font: (name: FontName) => void,
): void {
  // The strip along the top edge.
  doc.save();
  doc.rect(0, 0, PAGE.width, 16).fill(color);
  font('sansBold');
  doc.fontSize(8.4).fillColor('#FFFFFF');
  doc.text(`${mark} · ${notice}`, 0, 4.2, {
    width: PAGE.width,
    align: 'center',
    lineBreak: false,
    ...NO_LIGATURES,
  });
  doc.restore();

  const cx = PAGE.width / 2;
  const cy = PAGE.height / 2;
  doc.save();
  doc.rotate(-40, { origin: [cx, cy] });
  font('sansBold');
  doc.fontSize(100);
  const size = Math.min(64, (100 * 560) / doc.widthOfString(mark));
  doc.fontSize(size);
  const width = doc.widthOfString(mark);
  doc.fillColor(color).fillOpacity(0.16);
  doc.text(mark, cx - width / 2, cy - size * 0.6, { lineBreak: false, ...NO_LIGATURES });
  doc.restore();
}
