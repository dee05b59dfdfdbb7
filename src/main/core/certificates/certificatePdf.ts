import type { CertificateDocument, DuplicateMark } from './certificateDocument';
import {
  drawBody,
  drawBottomBlock,
  drawDuplicateBanner,
  drawDuplicateWatermark,
  drawFooter,
  drawFrame,
  drawHeader,
  drawSpecimenMark,
  drawTitle,
  PAGE,
  SPECIMEN_DEFAULTS,
} from './certificatePage';
import { drawGuilloche } from './drawGuilloche';
import type { FontName, FontSet } from './pdfFonts';
import { pdfDocumentClass } from './pdfKit';

/**
 * Renders a certificate as an A4 PDF (PDF/A-2b as declared by PDFKit: fonts embedded, sRGB
 * output intent, XMP metadata). A pure function of the stored document: the same document (and
 * duplicate mark) always gives the same bytes, which is what lets recovery re-create a lost file
 * and check it against the SHA-256 recorded at issue time.
 *
 * PDFKit produces its output synchronously: everything is pushed into the stream's buffer by
 * `end()`, and read back here without waiting for an event.
 */

/** Metadata strings end up unescaped in PDFKit's XMP packet: keep them free of XML markup. */
const metadataText = (text: string) =>
  text.replace(/&/g, 'et').replace(/</g, '‹').replace(/>/g, '›');

/**
 * PDFKit shapes text word by word through fontkit and caches each word's glyph run, but per
 * document; most words of a certificate (header, labels, mentions) are the same in every one.
 * The cache object of each font is therefore shared by all the documents of the process (a run
 * depends only on the font and the word), and started afresh once it holds many words, so that
 * names and numbers never make it grow without bound. Relies on PDFKit 0.20's `layoutCache`
 * (pinned): without it, nothing is shared and PDFKit lays out as usual.
 */
const wordLayouts = new Map<string, Record<string, unknown>>();
const MAX_WORDS_PER_FONT = 20_000;
let documentsSinceCheck = 0;

function shareWordLayouts(doc: PDFKit.PDFDocument, fontName: string): void {
  const font = (doc as unknown as { _font?: { layoutCache?: Record<string, unknown> } })._font;
  if (!font?.layoutCache) return;
  let shared = wordLayouts.get(fontName);
  if (!shared) {
    shared = Object.create(null) as Record<string, unknown>;
    wordLayouts.set(fontName, shared);
  }
  font.layoutCache = shared;
}

function trimWordLayouts(): void {
  if (++documentsSinceCheck < 100) return;
  documentsSinceCheck = 0;
  for (const [name, cache] of wordLayouts) {
    if (Object.keys(cache).length > MAX_WORDS_PER_FONT) wordLayouts.delete(name);
  }
}

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

export function renderCertificatePdf(
  document: CertificateDocument,
  fonts: FontSet,
  duplicate: (DuplicateMark & { at: string }) | null = null,
): Buffer {
  const created = new Date(duplicate ? duplicate.at : document.issuedAt);
  // A training certificate says so in its metadata too (a viewer's title bar, a file list).
  const specimen = document.training
    ? ` — ${document.layout.labels.specimen ?? SPECIMEN_DEFAULTS.mark}`
    : '';
  const PDFDocument = pdfDocumentClass();
  const doc = new PDFDocument({
    size: 'A4',
    margin: 0,
    pdfVersion: '1.7',
    subset: 'PDF/A-2b',
    lang: 'fr-FR',
    displayTitle: true,
    font: fonts.serif as unknown as string,
    info: {
      Title: metadataText(
        `${document.title} n° ${document.number}${duplicate ? ' (duplicata)' : ''}${specimen}`,
      ),
      Author: metadataText(`${document.ministry} — ${document.direction}`),
      Subject: metadataText(
        `${document.title} délivré(e) le ${document.issuedOnText} par le bureau de ${document.officeName}${specimen}`,
      ),
      Keywords: metadataText(
        `${document.number}, ${document.procedureCode}, ${document.reference}`,
      ),
      Creator: 'Bureau — certificats',
      Producer: 'Bureau (PDFKit)',
      // No ModDate: PDFKit's XMP has no xmp:ModifyDate to match it, which PDF/A requires.
      CreationDate: created,
      // Read back by verification without rendering the page (see pdfPayload.ts).
      BureauVerification: document.qrText,
    } as PDFKit.DocumentInfo,
  });
  for (const [name, font] of Object.entries(fonts)) {
    doc.registerFont(name, font as unknown as PDFKit.Mixins.PDFFontSource);
    doc.font(name);
    shareWordLayouts(doc, name);
  }
  const font = (name: FontName) => doc.font(name);
  const { colors, labels } = document.layout;

  drawFrame(doc, colors.accent);
  drawGuilloche(doc, { cx: PAGE.width / 2, cy: 452, radius: 150, color: colors.accent });
  drawHeader(doc, document, font);
  const titleTop = 168;
  if (duplicate) drawDuplicateBanner(doc, document, duplicate, font, titleTop - 26);
  drawBody(doc, document, font, drawTitle(doc, document, font, titleTop) + 14);
  drawBottomBlock(doc, document, font);
  drawFooter(doc, document, font);
  if (duplicate) drawDuplicateWatermark(doc, labels.duplicate, colors.duplicate, font);
  if (document.training) drawSpecimenMark(doc, document, font, duplicate !== null);

  doc.end();
  trimWordLayouts();
  return drain(doc);
}
