import { createHash } from 'node:crypto';
import jpeg from 'jpeg-js';
import PDFDocument from 'pdfkit';
import pngjs from 'pngjs';
import { createRandom, type Random } from './random';
import { officialName, generatePerson } from './generateIdentity';

/**
 * Real, small attachment files (PDF, PNG, JPEG) for simulated applications.
 *
 * Rendering a file costs milliseconds, and the generator must produce >100k records a second, so
 * records never render: each (procedure, document code) has a small pool of variants, each
 * rendered once on first use and cached. A record points at a variant and copies its size and
 * SHA-256. Bytes depend only on the variant's key, so the same seed always gives the same hashes.
 *
 * Records draw their images here. Their PDFs name people and amounts, so they are written from
 * the record itself instead (recordDocuments.ts): a pooled PDF would name someone else. The PDF
 * variants below remain for callers that ask the pool for a generic document.
 */

export type AttachmentMimeType = 'application/pdf' | 'image/jpeg' | 'image/png';

export interface AttachmentBody {
  readonly mimeType: AttachmentMimeType;
  readonly bytes: Buffer;
  readonly size: number;
  readonly sha256: string;
}

/** What a document is; one per (procedure, document code), built once and reused. */
export interface AttachmentSpec {
  readonly procedureCode: string;
  readonly procedureTitle: string;
  readonly documentCode: string;
  readonly documentLabel: string;
  readonly mimeTypes: readonly AttachmentMimeType[];
}

export const EXTENSIONS: Record<AttachmentMimeType, string> = {
  'application/pdf': 'pdf',
  'image/jpeg': 'jpg',
  'image/png': 'png',
};

/** A fixed date so that PDF metadata (and the PDF's file ID derived from it) never changes. */
const FIXED_CREATION_DATE = new Date('2024-01-02T08:00:00Z');

// ---------------------------------------------------------------------------------------------
// PDF

function collectPdf(document: PDFKit.PDFDocument): Buffer {
  // PDFKit pushes every chunk into its readable buffer synchronously; nobody is listening, so
  // after end() the whole file can be read back without waiting for events.
  document.end();
  const chunks: Buffer[] = [];
  for (let chunk = document.read() as Buffer | null; chunk !== null; chunk = document.read()) {
    chunks.push(chunk);
  }
  return Buffer.concat(chunks);
}

function frenchDate(date: Date): string {
  return `${String(date.getUTCDate()).padStart(2, '0')}/${String(date.getUTCMonth() + 1).padStart(2, '0')}/${date.getUTCFullYear()}`;
}

function formatFcfa(amount: number): string {
  return `${amount.toString().replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} FCFA`;
}

function bodyLines(rng: Random, code: string, holder: string): string[] {
  if (code.includes('FACTURE') || code.includes('QUITTANCE')) {
    const quantity = rng.int(2, 400);
    const unitPrice = rng.int(5, 900) * 1000;
    return [
      `Client : ${holder}`,
      `Désignation : marchandises diverses selon bon de commande n° ${rng.int(1000, 9999)}`,
      `Quantité : ${quantity} — prix unitaire : ${formatFcfa(unitPrice)}`,
      `Montant total : ${formatFcfa(quantity * unitPrice)}`,
      'Arrêtée la présente facture à la somme indiquée ci-dessus, toutes taxes comprises.',
    ];
  }
  if (code.includes('RCCM') || code.includes('NIF') || code.includes('STATUTS')) {
    return [
      `Dénomination : ${holder}`,
      `Numéro d'ordre : ${rng.int(10_000, 99_999)}`,
      'Siège social : Lomé, République togolaise',
      'Le greffier en chef certifie conforme le présent extrait.',
    ];
  }
  if (code.includes('ANALYSE') || code.includes('SANITAIRE') || code.includes('TECHNIQUE')) {
    return [
      `Demandeur : ${holder}`,
      `Échantillon n° ${rng.int(100, 999)}/${rng.int(20, 25)} reçu au laboratoire.`,
      'Paramètres microbiologiques : conformes.',
      'Paramètres physico-chimiques : conformes à la norme de référence.',
      'Conclusion : échantillon propre à la consommation humaine.',
    ];
  }
  return [
    `Nom et prénoms : ${holder}`,
    `Numéro d'enregistrement : ${rng.int(1000, 9999)}-${rng.int(100, 999)}`,
    'Le présent document est délivré pour servir et valoir ce que de droit.',
  ];
}

function renderPdf(request: AttachmentSpec, rng: Random): Buffer {
  const holder = officialName(generatePerson(rng));
  const issuedOn = new Date(FIXED_CREATION_DATE.getTime() - rng.int(0, 400) * 86_400_000);
  const document = new PDFDocument({
    size: 'A4',
    margin: 56,
    info: {
      Title: request.documentLabel,
      Author: 'Simulateur du portail des services publics',
      Subject: request.procedureTitle,
      CreationDate: FIXED_CREATION_DATE,
    },
  });
  document.font('Helvetica-Bold').fontSize(10).text('RÉPUBLIQUE TOGOLAISE', { align: 'center' });
  document.font('Helvetica').fontSize(9).text('Travail – Liberté – Patrie', { align: 'center' });
  document.moveDown(2);
  document.font('Helvetica-Bold').fontSize(16).text(request.documentLabel, { align: 'center' });
  document.moveDown(0.5);
  document.font('Helvetica-Oblique').fontSize(10).text(request.procedureTitle, { align: 'center' });
  document.moveDown(2);
  document.font('Helvetica').fontSize(11);
  for (const line of bodyLines(rng, request.documentCode, holder)) {
    document.text(line);
    document.moveDown(0.4);
  }
  document.moveDown(2);
  document.text(`Fait à Lomé, le ${frenchDate(issuedOn)}`, { align: 'right' });
  document.moveDown(3);
  document
    .font('Helvetica-Oblique')
    .fontSize(8)
    .fillColor('#777777')
    .text('Document fictif produit par le simulateur du portail — données de formation.', {
      align: 'center',
    });
  return collectPdf(document);
}

// ---------------------------------------------------------------------------------------------
// Images: RGBA canvases drawn with flat blocks and gradients, no fonts.

type Rgb = readonly [number, number, number];

class Canvas {
  readonly data: Buffer;
  constructor(
    readonly width: number,
    readonly height: number,
    background: Rgb,
  ) {
    this.data = Buffer.alloc(width * height * 4);
    this.fillRect(0, 0, width, height, background);
  }

  fillRect(x0: number, y0: number, w: number, h: number, [r, g, b]: Rgb): void {
    const left = Math.max(0, Math.round(x0));
    const right = Math.min(this.width, Math.round(x0 + w));
    const top = Math.max(0, Math.round(y0));
    const bottom = Math.min(this.height, Math.round(y0 + h));
    const data = this.data;
    for (let y = top; y < bottom; y++) {
      let offset = (y * this.width + left) * 4;
      for (let x = left; x < right; x++, offset += 4) {
        data[offset] = r;
        data[offset + 1] = g;
        data[offset + 2] = b;
        data[offset + 3] = 255;
      }
    }
  }

  verticalGradient(x0: number, y0: number, w: number, h: number, top: Rgb, bottom: Rgb): void {
    for (let y = 0; y < h; y++) {
      const t = h <= 1 ? 0 : y / (h - 1);
      const color: Rgb = [
        Math.round(top[0] + (bottom[0] - top[0]) * t),
        Math.round(top[1] + (bottom[1] - top[1]) * t),
        Math.round(top[2] + (bottom[2] - top[2]) * t),
      ];
      this.fillRect(x0, y0 + y, w, 1, color);
    }
  }

  fillEllipse(cx: number, cy: number, rx: number, ry: number, color: Rgb): void {
    for (let y = Math.ceil(cy - ry); y <= cy + ry; y++) {
      const dy = (y - cy) / ry;
      const half = rx * Math.sqrt(Math.max(0, 1 - dy * dy));
      this.fillRect(cx - half, y, half * 2, 1, color);
    }
  }

  /** Sensor-like grain so photos and scans do not look synthetic (and compress like them). */
  addNoise(rng: Random, amplitude: number): void {
    // A local xorshift seeded from the variant's stream: one call per pixel would dominate.
    let state = rng.int(1, 0x7fffffff) | 0 || 1;
    const data = this.data;
    const span = amplitude * 2 + 1;
    for (let i = 0; i < data.length; i += 4) {
      state ^= state << 13;
      state ^= state >>> 17;
      state ^= state << 5;
      const delta = ((state >>> 0) % span) - amplitude;
      for (let c = i; c < i + 3; c++) {
        const value = (data[c] as number) + delta;
        data[c] = value < 0 ? 0 : value > 255 ? 255 : value;
      }
    }
  }
}

const SKIN_TONES: readonly Rgb[] = [
  [92, 58, 40],
  [110, 70, 48],
  [128, 84, 58],
  [74, 46, 32],
];
const CLOTHES: readonly Rgb[] = [
  [30, 60, 120],
  [160, 40, 40],
  [240, 240, 240],
  [40, 110, 60],
  [200, 150, 30],
];

function drawPortrait(canvas: Canvas, rng: Random, x: number, y: number, w: number, h: number) {
  canvas.verticalGradient(x, y, w, h, [225, 232, 240], [170, 185, 205]);
  const skin = rng.pick(SKIN_TONES);
  const cx = x + w / 2;
  canvas.fillEllipse(cx, y + h * 0.98, w * 0.45, h * 0.3, rng.pick(CLOTHES));
  canvas.fillRect(
    Math.round(cx - w * 0.08),
    Math.round(y + h * 0.55),
    Math.round(w * 0.16),
    Math.round(h * 0.15),
    skin,
  );
  canvas.fillEllipse(cx, y + h * 0.4, w * 0.22, h * 0.22, skin);
  canvas.fillEllipse(cx, y + h * 0.24, w * 0.23, h * 0.09, [25, 20, 18]);
}

/** ID-card proportions (85.6 × 54 mm) at a scan resolution that keeps encoding quick. */
const CARD_WIDTH = 342;
const CARD_HEIGHT = 216;

function drawIdCard(rng: Random): Canvas {
  const canvas = new Canvas(CARD_WIDTH, CARD_HEIGHT, [236, 230, 214]);
  // Flag stripes band, photo, text lines, signature and machine-readable zone.
  const stripes: readonly Rgb[] = [
    [0, 106, 78],
    [255, 206, 0],
    [0, 106, 78],
    [255, 206, 0],
    [0, 106, 78],
  ];
  stripes.forEach((color, i) => canvas.fillRect(0, i * 6, CARD_WIDTH, 6, color));
  canvas.fillRect(0, 0, 48, 18, [210, 16, 52]);
  drawPortrait(canvas, rng, 16, 46, 88, 112);
  for (let line = 0; line < 6; line++) {
    canvas.fillRect(120, 50 + line * 18, 56, 4, [120, 120, 120]);
    canvas.fillRect(120, 57 + line * 18, rng.int(96, 200), 6, [40, 40, 50]);
  }
  canvas.fillRect(240, 160, rng.int(48, 80), 3, [20, 30, 120]);
  canvas.fillRect(0, 180, CARD_WIDTH, 36, [250, 248, 240]);
  for (let row = 0; row < 2; row++) {
    for (let c = 0; c < 36; c++) {
      if (rng.chance(0.8)) canvas.fillRect(10 + c * 9, 185 + row * 15, 6, 9, [30, 30, 30]);
    }
  }
  return canvas;
}

function drawPhoto(rng: Random): Canvas {
  // 35 × 45 mm passport-photo proportions.
  const canvas = new Canvas(180, 232, [255, 255, 255]);
  drawPortrait(canvas, rng, 0, 0, 180, 232);
  return canvas;
}

function drawLabel(rng: Random): Canvas {
  const main: Rgb = [rng.int(120, 230), rng.int(20, 140), rng.int(10, 80)];
  const canvas = new Canvas(400, 300, [250, 246, 236]);
  canvas.verticalGradient(0, 0, 400, 90, main, [255, 220, 120]);
  canvas.fillEllipse(200, 160, 90, 55, [rng.int(180, 240), rng.int(60, 120), rng.int(20, 60)]);
  canvas.fillRect(40, 230, 320, 10, [60, 60, 60]);
  canvas.fillRect(40, 250, 220, 8, [100, 100, 100]);
  for (let bar = 0; bar < 40; bar++) {
    if (rng.chance(0.6)) canvas.fillRect(290 + bar * 2, 250, 1, 40, [0, 0, 0]);
  }
  return canvas;
}

function drawScannedPage(rng: Random): Canvas {
  const canvas = new Canvas(298, 421, [246, 244, 238]);
  canvas.fillRect(104, 20, 90, 7, [40, 40, 40]);
  canvas.fillRect(74, 48, 150, 10, [20, 20, 20]);
  for (let line = 0; line < 16; line++) {
    canvas.fillRect(28, 84 + line * 16, rng.int(140, 240), 4, [70, 70, 75]);
  }
  canvas.fillEllipse(225, 368, 28, 28, [40, 60, 160]);
  canvas.fillEllipse(225, 368, 22, 22, [246, 244, 238]);
  return canvas;
}

function drawImage(documentCode: string, rng: Random): Canvas {
  if (documentCode.includes('PHOTO')) return drawPhoto(rng);
  if (documentCode.includes('ETIQUETTE')) return drawLabel(rng);
  if (
    documentCode.includes('IDENTITE') ||
    documentCode.includes('CARTE') ||
    documentCode.includes('NAISSANCE')
  ) {
    return drawIdCard(rng);
  }
  return drawScannedPage(rng);
}

function encodeImage(canvas: Canvas, mimeType: 'image/jpeg' | 'image/png', rng: Random): Buffer {
  if (mimeType === 'image/jpeg') {
    // A JPEG stands for a photo or a scan: give it the grain of one. PNGs stay clean and small.
    canvas.addNoise(rng, 5);
    return jpeg.encode({ width: canvas.width, height: canvas.height, data: canvas.data }, 82).data;
  }
  const png = new pngjs.PNG({ width: canvas.width, height: canvas.height });
  canvas.data.copy(png.data);
  return pngjs.PNG.sync.write(png, { colorType: 2, filterType: 1 });
}

// ---------------------------------------------------------------------------------------------
// Pool

/** Renders one variant; the bytes depend only on (procedure, document code, type, variant). */
export function renderAttachment(
  spec: AttachmentSpec,
  mimeType: AttachmentMimeType,
  variant: number,
): Buffer {
  const rng = createRandom(`${spec.procedureCode}|${spec.documentCode}|${mimeType}|${variant}`);
  return mimeType === 'application/pdf'
    ? renderPdf(spec, rng)
    : encodeImage(drawImage(spec.documentCode, rng), mimeType, rng);
}

export interface AttachmentPool {
  /** Number of variants per (procedure, document code). */
  readonly variants: number;
  /** The body of a variant (0 ≤ variant < variants), rendered on first use. */
  get(spec: AttachmentSpec, variant: number): AttachmentBody;
  /** A body already rendered by this pool, by its SHA-256 (what the server serves). */
  bySha256(sha256: string): AttachmentBody | undefined;
}

/**
 * Six variants per document: enough variety for a clerk's screen, while the first few hundred
 * records (which touch every variant) render the ~250 files in about a second — jpeg-js spends
 * ~13 ms setting up each JPEG, whatever its size.
 */
export const DEFAULT_VARIANTS = 6;

export function createAttachmentPool(variants = DEFAULT_VARIANTS): AttachmentPool {
  const byKey = new Map<string, AttachmentBody>();
  const bySha = new Map<string, AttachmentBody>();
  // Fast path for the generator, which reuses one spec object per document.
  const bySpec = new WeakMap<AttachmentSpec, (AttachmentBody | undefined)[]>();

  function render(spec: AttachmentSpec, variant: number): AttachmentBody {
    const mimeType = spec.mimeTypes[variant % spec.mimeTypes.length];
    if (!mimeType) throw new Error(`document ${spec.documentCode} sans type MIME`);
    const key = `${spec.procedureCode}|${spec.documentCode}|${mimeType}|${variant}`;
    let body = byKey.get(key);
    if (!body) {
      const bytes = renderAttachment(spec, mimeType, variant);
      body = {
        mimeType,
        bytes,
        size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      };
      byKey.set(key, body);
      bySha.set(body.sha256, body);
    }
    return body;
  }

  return {
    variants,
    get(spec, variant) {
      const index = ((variant % variants) + variants) % variants;
      let slots = bySpec.get(spec);
      if (!slots) {
        slots = new Array<AttachmentBody | undefined>(variants);
        bySpec.set(spec, slots);
      }
      return (slots[index] ??= render(spec, index));
    },
    bySha256: (sha256) => bySha.get(sha256),
  };
}

/** One pool per process: bodies are a pure function of their key, so sharing is safe. */
export const sharedAttachmentPool: AttachmentPool = createAttachmentPool();
