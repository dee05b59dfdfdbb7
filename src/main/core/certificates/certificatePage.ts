import type { CertificateDocument, DuplicateMark } from './certificateDocument';
import { drawQrCode } from './drawQrCode';
import { drawSeal } from './drawSeal';
import type { FontName } from './pdfFonts';

/**
 * The page of a certificate, part by part: frame, header (ministry, direction, office; the
 * Republic and its motto; the flag band), title and number, body (preamble, holder, printed
 * fields, validity, legal mentions — scaled down when a case's values are long, each value at
 * most three lines), the bottom block (QR code, signature, seal) and the footer. A4 in points,
 * origin at the top left.
 */

export const PAGE = { width: 595.28, height: 841.89 };
const FRAME = 22;
const LEFT = 52;
const RIGHT = PAGE.width - 52;
const WIDTH = RIGHT - LEFT;
/** The bottom block (QR code, signature, seal) starts here; the body must end above it. */
const BOTTOM_BLOCK = 626;
const FOOTER = 764;

/** Togo's flag colours, for the thin band under the header. */
const FLAG = { green: '#006A4E', yellow: '#FFCE00', red: '#D21034' };

export function drawFrame(doc: PDFKit.PDFDocument, accent: string): void {
  doc.save();
  doc.lineWidth(1.6).strokeColor(accent);
  doc.rect(FRAME, FRAME, PAGE.width - 2 * FRAME, PAGE.height - 2 * FRAME).stroke();
  doc.lineWidth(0.5);
  doc
    .rect(FRAME + 4.5, FRAME + 4.5, PAGE.width - 2 * FRAME - 9, PAGE.height - 2 * FRAME - 9)
    .stroke();
  // Small squares on the corners of the inner frame.
  for (const [x, y] of [
    [FRAME + 4.5, FRAME + 4.5],
    [PAGE.width - FRAME - 4.5, FRAME + 4.5],
    [FRAME + 4.5, PAGE.height - FRAME - 4.5],
    [PAGE.width - FRAME - 4.5, PAGE.height - FRAME - 4.5],
  ] as const) {
    doc.rect(x - 3, y - 3, 6, 6).fill(accent);
  }
  doc.restore();
}

function centered(
  doc: PDFKit.PDFDocument,
  text: string,
  x: number,
  width: number,
  y: number,
  options: PDFKit.Mixins.TextOptions = {},
): number {
  doc.text(text, x, y, { width, align: 'center', ...options });
  return doc.y;
}

export function drawHeader(
  doc: PDFKit.PDFDocument,
  document: CertificateDocument,
  font: (name: FontName) => void,
): void {
  const { colors } = document.layout;
  const column = 232;
  // Left: the ministry, its direction and the issuing office.
  doc.fillColor(colors.ink);
  font('serifBold');
  doc.fontSize(8.6);
  let left = centered(doc, document.ministry.toLocaleUpperCase('fr-FR'), LEFT - 6, column, 48, {
    lineGap: 1,
  });
  doc.moveTo(LEFT + column / 2 - 22, left + 5).lineTo(LEFT + column / 2 + 16, left + 5);
  doc.lineWidth(0.6).strokeColor(colors.ink).stroke();
  font('serif');
  doc.fontSize(8.8);
  left = centered(doc, document.direction, LEFT - 6, column, left + 10);
  font('serifItalic');
  doc.fontSize(8.2).fillColor(colors.muted);
  centered(doc, `Bureau de ${document.officeName}`, LEFT - 6, column, left + 3);

  // Right: the Republic and its motto.
  const rightX = RIGHT - column + 6;
  doc.fillColor(colors.ink);
  font('serifBold');
  doc.fontSize(11.5);
  let right = centered(doc, document.layout.country, rightX, column, 50);
  font('serifItalic');
  doc.fontSize(9);
  right = centered(doc, document.layout.motto, rightX, column, right + 3);
  doc.moveTo(rightX + column / 2 - 22, right + 5).lineTo(rightX + column / 2 + 22, right + 5);
  doc.lineWidth(0.6).strokeColor(colors.ink).stroke();

  // The flag band: red square with the white star, then green and yellow stripes.
  const bandY = 124;
  const bandHeight = 7;
  doc.save();
  doc.rect(LEFT, bandY, WIDTH, bandHeight / 2).fill(FLAG.green);
  doc.rect(LEFT, bandY + bandHeight / 2, WIDTH, bandHeight / 2).fill(FLAG.yellow);
  doc.rect(LEFT, bandY, bandHeight * 1.6, bandHeight).fill(FLAG.red);
  const starX = LEFT + bandHeight * 0.8;
  const starY = bandY + bandHeight / 2;
  const points: [number, number][] = [];
  for (let index = 0; index < 10; index++) {
    const r = index % 2 === 0 ? bandHeight * 0.42 : bandHeight * 0.17;
    const a = -Math.PI / 2 + (index * Math.PI) / 5;
    points.push([starX + r * Math.cos(a), starY + r * Math.sin(a)]);
  }
  doc.polygon(...points).fill('#FFFFFF');
  doc.restore();
}

export function drawDuplicateBanner(
  doc: PDFKit.PDFDocument,
  document: CertificateDocument,
  duplicate: DuplicateMark,
  font: (name: FontName) => void,
  y: number,
): void {
  const { labels, colors } = document.layout;
  const text = `${labels.duplicate} — ${labels.reprinted.replace('{date}', duplicate.reprintedOnText)}`;
  doc.save();
  doc.rect(LEFT, y, WIDTH, 18).fill(colors.duplicate);
  font('sansBold');
  doc.fontSize(10).fillColor('#FFFFFF');
  centered(doc, text, LEFT, WIDTH, y + 4.2, { lineBreak: false });
  doc.restore();
}

export function drawTitle(
  doc: PDFKit.PDFDocument,
  document: CertificateDocument,
  font: (name: FontName) => void,
  y: number,
): number {
  const { colors, labels } = document.layout;
  font('serifBold');
  doc.fontSize(19).fillColor(colors.accent);
  let bottom = centered(doc, document.title.toLocaleUpperCase('fr-FR'), LEFT + 20, WIDTH - 40, y, {
    lineGap: 2,
  });
  font('sansBold');
  doc.fontSize(12.5).fillColor(colors.ink);
  bottom = centered(doc, `${labels.number} ${document.number}`, LEFT, WIDTH, bottom + 5);
  // Ornament: a short double rule with a diamond.
  const middle = PAGE.width / 2;
  const ruleY = bottom + 8;
  doc.save();
  doc.lineWidth(0.7).strokeColor(colors.accent);
  doc
    .moveTo(middle - 90, ruleY)
    .lineTo(middle - 8, ruleY)
    .stroke();
  doc
    .moveTo(middle + 8, ruleY)
    .lineTo(middle + 90, ruleY)
    .stroke();
  doc.polygon(
    [middle, ruleY - 3.5],
    [middle + 3.5, ruleY],
    [middle, ruleY + 3.5],
    [middle - 3.5, ruleY],
  );
  doc.fill(colors.accent);
  doc.restore();
  return ruleY + 6;
}

/** Body text sizes, tried from the largest until everything fits above the bottom block. */
const BODY_SCALES = [1, 0.93, 0.86, 0.8];

export function drawBody(
  doc: PDFKit.PDFDocument,
  document: CertificateDocument,
  font: (name: FontName) => void,
  top: number,
): number {
  const scale =
    BODY_SCALES.find(
      (candidate) => top + measureBody(doc, document, font, candidate) <= BOTTOM_BLOCK - 8,
    ) ?? BODY_SCALES.at(-1)!;
  return layoutBody(doc, document, font, scale, top, true);
}

function measureBody(
  doc: PDFKit.PDFDocument,
  document: CertificateDocument,
  font: (name: FontName) => void,
  scale: number,
): number {
  return layoutBody(doc, document, font, scale, 0, false);
}

const LABEL_WIDTH = 150;
const VALUE_MAX_LINES = 3;

/** Lays the body out from `top`; draws it when `draw`, else only measures. Returns the height. */
function layoutBody(
  doc: PDFKit.PDFDocument,
  document: CertificateDocument,
  font: (name: FontName) => void,
  scale: number,
  top: number,
  draw: boolean,
): number {
  const { colors, labels } = document.layout;
  let y = top;

  // Preamble.
  font('serifItalic');
  doc.fontSize(10 * scale).fillColor(colors.ink);
  const preambleOptions = { width: WIDTH, align: 'justify' as const, lineGap: 1.5 * scale };
  const preambleHeight = doc.heightOfString(document.preamble, preambleOptions);
  if (draw) doc.text(document.preamble, LEFT, y, preambleOptions);
  y += preambleHeight + 10 * scale;

  // Holder, in a tinted box.
  font('serifBold');
  doc.fontSize(15 * scale);
  const holderOptions = { width: WIDTH - 24, align: 'center' as const };
  const holderHeight = doc.heightOfString(document.holder.value, holderOptions);
  const boxHeight = holderHeight + 26 * scale;
  if (draw) {
    doc.save();
    doc.rect(LEFT, y, WIDTH, boxHeight).fillOpacity(0.07).fill(colors.accent);
    doc.restore();
    doc.save();
    doc.rect(LEFT, y, 2.5, boxHeight).fill(colors.accent);
    doc.restore();
    font('sans');
    doc.fontSize(7.5 * scale).fillColor(colors.muted);
    centered(doc, document.holder.label.toLocaleUpperCase('fr-FR'), LEFT, WIDTH, y + 5 * scale);
    font('serifBold');
    doc.fontSize(15 * scale).fillColor(colors.ink);
    doc.text(document.holder.value, LEFT + 12, y + 15 * scale, holderOptions);
  }
  y += boxHeight + 8 * scale;

  // Printed fields: label | value, hairlines between rows.
  const valueX = LEFT + LABEL_WIDTH;
  const valueWidth = WIDTH - LABEL_WIDTH - 4;
  const rowPadding = 3.6 * scale;
  for (const field of document.fields) {
    font('serif');
    doc.fontSize(10 * scale);
    const lineHeight = doc.currentLineHeight(true);
    const valueOptions = {
      width: valueWidth,
      height: lineHeight * VALUE_MAX_LINES + 1,
      ellipsis: true,
      lineGap: 0.5,
    };
    const valueHeight = Math.min(
      doc.heightOfString(field.value, { width: valueWidth, lineGap: 0.5 }),
      lineHeight * VALUE_MAX_LINES + 1.5,
    );
    if (draw) {
      doc.fillColor(colors.ink).text(field.value, valueX, y + rowPadding, valueOptions);
      font('sans');
      doc.fontSize(8.6 * scale).fillColor(colors.muted);
      doc.text(field.label, LEFT + 4, y + rowPadding + 1.2 * scale, {
        width: LABEL_WIDTH - 12,
      });
    }
    y += valueHeight + 2 * rowPadding;
    if (draw) {
      doc.save();
      doc.moveTo(LEFT, y).lineTo(RIGHT, y).lineWidth(0.35).strokeColor('#C9CFCC').stroke();
      doc.restore();
    }
  }
  y += 9 * scale;

  // Validity: two cells.
  const cellWidth = (WIDTH - 10) / 2;
  const cellHeight = 34 * scale;
  const cells: [string, string][] = [
    [labels.issuedOn, document.issuedOnText],
    document.expiresOnText
      ? [labels.validUntil, document.expiresOnText]
      : [labels.validity, labels.noExpiry],
  ];
  if (draw) {
    cells.forEach(([label, value], index) => {
      const x = LEFT + index * (cellWidth + 10);
      doc.save();
      doc.lineWidth(0.8).strokeColor(colors.accent).rect(x, y, cellWidth, cellHeight).stroke();
      doc.restore();
      font('sans');
      doc.fontSize(7.5 * scale).fillColor(colors.muted);
      centered(doc, label.toLocaleUpperCase('fr-FR'), x, cellWidth, y + 5 * scale);
      font('serifBold');
      doc.fontSize(11.5 * scale).fillColor(colors.ink);
      centered(doc, value, x, cellWidth, y + 15.5 * scale, { lineBreak: false });
    });
  }
  y += cellHeight + 9 * scale;

  // Legal mentions.
  font('serifItalic');
  doc.fontSize(7.8 * scale).fillColor(colors.muted);
  for (const mention of document.legalMentions) {
    const options = { width: WIDTH - 10, lineGap: 0.5 };
    const height = doc.heightOfString(mention, options);
    if (draw) {
      doc.save();
      doc.circle(LEFT + 2, y + 4 * scale, 1.1).fill(colors.muted);
      doc.restore();
      doc.text(mention, LEFT + 9, y, options);
    }
    y += height + 2.5 * scale;
  }
  return y - top;
}

export function drawBottomBlock(
  doc: PDFKit.PDFDocument,
  document: CertificateDocument,
  font: (name: FontName) => void,
): void {
  const { colors, labels, seal } = document.layout;
  const top = BOTTOM_BLOCK;

  // QR code with its caption.
  const qrSize = 112;
  const qrX = LEFT;
  doc.save();
  doc
    .lineWidth(0.5)
    .strokeColor('#C9CFCC')
    .rect(qrX - 5, top - 5, qrSize + 10, qrSize + 10)
    .stroke();
  doc.restore();
  drawQrCode(doc, document.qrText, { x: qrX, y: top, size: qrSize, color: '#000000' });
  font('sansBold');
  doc.fontSize(7.6).fillColor(colors.ink);
  doc.text(labels.verification, qrX + qrSize + 14, top + 2, { width: 150 });
  font('sans');
  doc.fontSize(7).fillColor(colors.muted);
  doc.text(document.layout.verificationHint, qrX + qrSize + 14, doc.y + 2, {
    width: 150,
    lineGap: 0.3,
  });
  doc.text(
    labels.electronicSignature.replace('{keyId}', document.keyId),
    qrX + qrSize + 14,
    doc.y + 4,
    {
      width: 150,
    },
  );

  // Signature block, with the seal pressed over it.
  const blockX = 346;
  const blockWidth = RIGHT - blockX;
  font('serif');
  doc.fontSize(10).fillColor(colors.ink);
  let y = centered(
    doc,
    labels.madeAt.replace('{office}', document.officeName).replace('{date}', document.issuedOnText),
    blockX,
    blockWidth,
    top,
  );
  font('serifBold');
  doc.fontSize(10.2);
  y = centered(doc, document.signatory, blockX, blockWidth, y + 4);
  drawSeal(
    doc,
    {
      cx: blockX + blockWidth / 2 - 4,
      cy: y + 44,
      radius: 38,
      ring: seal.ring,
      center: seal.center,
      color: colors.seal,
    },
    font,
  );
  font('sans');
  doc.fontSize(7.4).fillColor(colors.muted);
  centered(
    doc,
    `${labels.issuedBy} ${document.issuedBy.displayName}`,
    blockX,
    blockWidth,
    top + 122,
  );
}

export function drawFooter(
  doc: PDFKit.PDFDocument,
  document: CertificateDocument,
  font: (name: FontName) => void,
): void {
  const { colors, labels } = document.layout;
  doc.save();
  doc.moveTo(LEFT, FOOTER).lineTo(RIGHT, FOOTER).lineWidth(0.6).strokeColor(colors.accent).stroke();
  doc.restore();
  font('sansBold');
  doc.fontSize(7.6).fillColor(colors.ink);
  doc.text(`${labels.number} ${document.number}`, LEFT, FOOTER + 5, { lineBreak: false });
  font('sans');
  doc.fontSize(7.6).fillColor(colors.muted);
  const reference = `${labels.reference} : ${document.reference}`;
  doc.text(reference, RIGHT - doc.widthOfString(reference), FOOTER + 5, { lineBreak: false });
  doc.fontSize(6.6);
  let y = FOOTER + 17;
  for (const mention of document.layout.footerMentions) {
    doc.text(mention, LEFT, y, { width: WIDTH, align: 'center', lineGap: 0.2 });
    y = doc.y + 1;
  }
}

export function drawDuplicateWatermark(
  doc: PDFKit.PDFDocument,
  text: string,
  color: string,
  font: (name: FontName) => void,
): void {
  doc.save();
  doc.rotate(-38, { origin: [PAGE.width / 2, PAGE.height / 2] });
  font('sansBold');
  doc.fontSize(92).fillColor(color).fillOpacity(0.11);
  const width = doc.widthOfString(text);
  doc.text(text, PAGE.width / 2 - width / 2, PAGE.height / 2 - 55, { lineBreak: false });
  doc.restore();
}

/**
 * The training mark's sentence is read by text tools (pdftotext, a search, a screen reader):
 * « fi » and « ffi » stay letters, not ligature glyphs. fontkit takes the features as an object.
 */
const NO_LIGATURES = {
  features: { liga: false, clig: false } as unknown as PDFKit.Mixins.TextOptions['features'],
};

/** What a training certificate reads across its page when its layout predates the labels. */
export const SPECIMEN_DEFAULTS = {
  mark: 'SPÉCIMEN — FORMATION',
  notice: 'Certificat de formation\u00a0: sans valeur officielle',
};

/**
 * The marks of a training certificate (« Mode formation »), drawn over everything else on the
 * page: « SPÉCIMEN — FORMATION » in large letters along the diagonal with, under it, the
 * sentence that says it has no official value; and the same words in a red strip along the top
 * edge, horizontal so that a text reader (pdftotext, a screen reader, a search) finds them as
 * they are. Both are part of the page's content, not an annotation a viewer may hide. The
 * diagonal stays inside the frame and passes above the QR code and the seal: the code scans. On
 * a duplicate it takes the other diagonal, crossing the DUPLICATA mark instead of covering it.
 */
export function drawSpecimenMark(
  doc: PDFKit.PDFDocument,
  document: CertificateDocument,
  font: (name: FontName) => void,
  duplicate = false,
): void {
  const { labels, colors } = document.layout;
  const mark = labels.specimen ?? SPECIMEN_DEFAULTS.mark;
  const notice = labels.specimenNotice ?? SPECIMEN_DEFAULTS.notice;

  // The strip along the top edge, inside the frame.
  doc.save();
  doc.rect(FRAME + 6, FRAME + 6, PAGE.width - 2 * FRAME - 12, 15).fill(colors.duplicate);
  font('sansBold');
  doc.fontSize(8.4).fillColor('#FFFFFF');
  centered(doc, `${mark} · ${notice}`, LEFT, WIDTH, FRAME + 9.6, {
    lineBreak: false,
    ...NO_LIGATURES,
  });
  doc.restore();

  // The diagonal, as large as fits inside the frame.
  const cx = PAGE.width / 2;
  const cy = PAGE.height / 2 - 50;
  doc.save();
  doc.rotate(duplicate ? 40 : -40, { origin: [cx, cy] });
  font('sansBold');
  doc.fontSize(100);
  const size = Math.min(64, (100 * 610) / doc.widthOfString(mark));
  doc.fontSize(size);
  const markWidth = doc.widthOfString(mark);
  doc.fillColor(colors.duplicate).fillOpacity(0.2);
  doc.text(mark, cx - markWidth / 2, cy - size * 0.6, { lineBreak: false });
  doc.fontSize(size * 0.36).fillOpacity(0.3);
  const noticeWidth = doc.widthOfString(notice);
  doc.text(notice, cx - noticeWidth / 2, cy + size * 0.55, { lineBreak: false, ...NO_LIGATURES });
  doc.restore();
}
