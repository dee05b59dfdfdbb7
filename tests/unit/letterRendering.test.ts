import { execFileSync } from 'node:child_process';
import { generateKeyPairSync } from 'node:crypto';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/main/core/catalog/loadCatalog';
import { extractQrTextFromPdf } from '../../src/main/core/certificates/pdfPayload';
import { loadFonts } from '../../src/main/core/certificates/pdfFonts';
import { keyIdFor } from '../../src/main/core/certificates/qrPayload';
import {
  verifyQrText,
  type VerificationSources,
} from '../../src/main/core/certificates/verifyCertificate';
import { composeLetter, type LetterDecision } from '../../src/main/core/letters/composeLetter';
import { renderLetterPdf } from '../../src/main/core/letters/letterPdf';
import { parseLetterQrText, signLetterQrText } from '../../src/main/core/letters/letterQrPayload';
import { loadLetterTemplates } from '../../src/main/core/letters/loadLetterTemplates';
import type { PortalApplication } from '../../src/shared/portal/portalApplication';
import { tempDir } from '../support/paths';

const resources = join(import.meta.dirname, '..', '..', 'resources');
const catalog = loadCatalog(join(resources, 'procedures'));
const templates = loadLetterTemplates(join(resources, 'letters'), catalog);
const fonts = loadFonts(resources);
const keys = generateKeyPairSync('ed25519');
const keyId = keyIdFor('LOM', keys.publicKey);
const sources: VerificationSources = {
  publicKey: (id) => (id === keyId ? keys.publicKey : null),
  revocation: () => null,
  today: '2026-12-07',
};

const record = {
  id: 'app-1',
  reference: 'COM-APIPS-2026-000042',
  procedureCode: 'COM-APIPS',
  submittedAt: '2026-11-23T08:00:00Z',
  applicant: {
    firstName: 'Essowè',
    lastName: 'Tchala',
    phone: '+228 90 12 34 56',
    email: 'e.tchala@exemple.tg',
    region: 'Kara',
    city: 'Kara',
    address: 'Quartier Kpéloudè',
  },
  company: { name: 'Établissements Kpodar & Frères', nif: '1000234567' },
  form: {},
  documents: [],
} as unknown as PortalApplication;
const procedure = catalog.get('COM-APIPS')!;

function letter(decision: LetterDecision, options: { training?: boolean; preview?: boolean } = {}) {
  const document = composeLetter(
    templates.layout,
    templates.get('COM-APIPS'),
    procedure,
    record,
    decision,
    {
      number: options.preview ? null : 'LR-KAR-2026-000007',
      issuedAt: new Date('2026-12-07T09:00:00Z'),
      officeCode: 'KAR',
      clerk: { id: 'u1', displayName: 'Komlan Assih' },
      keyId: options.preview ? null : keyId,
      training: options.training === true,
      preview: options.preview === true,
    },
  );
  if (!options.preview) {
    document.qrText = signLetterQrText(
      {
        number: document.number!,
        kind: document.kind,
        procedureCode: procedure.code,
        reference: record.reference,
        addressee: document.addressee.lines[0]!,
        issuedOn: document.issuedOn,
        answerBy: document.answerBy,
        officeCode: 'KAR',
        keyId,
        ...(options.training ? { training: true as const } : {}),
      },
      keys.privateKey,
    );
  }
  return { document, pdf: renderLetterPdf(document, fonts) };
}

const textOf = (pdf: Buffer) => {
  const file = join(tempDir('bureau-letter-unit-'), 'courrier.pdf');
  writeFileSync(file, pdf);
  return execFileSync('pdftotext', [file, '-'], { encoding: 'utf8' })
    .replace(/[\u00a0\u202f]/g, ' ')
    .replace(/\s+/g, ' ');
};

const rejection: LetterDecision = {
  kind: 'rejection',
  reasonCodes: ['QUOTA_ATTEINT'],
  comment: 'Contingent 2026 épuisé le 30 novembre.',
};

describe('decision letters as PDFs', () => {
  it('renders the same bytes for the same letter (a lost file is rebuilt identical)', () => {
    expect(letter(rejection).pdf.equals(letter(rejection).pdf)).toBe(true);
  });

  it('marks a training letter SPÉCIMEN on the page and in its signed QR payload, which verifies as a specimen', () => {
    const { document, pdf } = letter(rejection, { training: true });
    expect(textOf(pdf)).toContain('SPÉCIMEN — FORMATION');
    const [qr] = extractQrTextFromPdf(pdf);
    expect(qr).toBe(document.qrText);
    expect(parseLetterQrText(qr!)?.facts.training).toBe(true);
    expect(verifyQrText(qr!, sources).verdict).toBe('specimen');
    // A real letter's payload carries no mark and verifies as authentic, naming the letter.
    const real = verifyQrText(letter(rejection).document.qrText!, sources);
    expect(real.verdict).toBe('authentic');
    expect(real.message).toContain('« Notification de rejet » n° LR-KAR-2026-000007');
    expect(real.facts?.holder).toBe('Établissements Kpodar & Frères');
  });

  it('refuses an edited payload as forged, and is never read as a certificate', () => {
    const qr = letter(rejection).document.qrText!;
    const [prefix, payload, signature] = qr.split('.') as [string, string, string];
    const edited = Buffer.from(payload, 'base64url').toString('utf8').replace('KAR', 'LOM');
    expect(
      verifyQrText(`${prefix}.${Buffer.from(edited).toString('base64url')}.${signature}`, sources)
        .verdict,
    ).toBe('forged');
    expect(verifyQrText(qr.replace(/^BUL1/, 'BUR1'), sources).verdict).toBe('unreadable');
  });

  it('draws a preview marked APERÇU, without number, signature nor QR payload', () => {
    const { pdf } = letter(rejection, { preview: true });
    const text = textOf(pdf);
    expect(text).toContain('APERÇU');
    expect(text).not.toContain('LR-KAR');
    expect(text).not.toContain('Signé électroniquement');
    expect(extractQrTextFromPdf(pdf)).toEqual([]);
  });

  it('writes the cover letter of a procedure that sends one, with its obligations', () => {
    const text = textOf(letter({ kind: 'approval', comment: null }).pdf);
    expect(text).toContain('Notification de la décision favorable sur votre demande');
    expect(text).toContain('Nous avons l’honneur de vous informer');
    expect(text).toContain('valable six (6) mois');
  });

  it('flows a long letter onto a second page, numbered « Page 2 sur 2 », the signature kept with the closing', () => {
    const { pdf } = letter({
      kind: 'rejection',
      reasonCodes: procedure.rejectReasons.map((reason) => reason.code),
      comment: 'Observation détaillée. '.repeat(60).trim(),
    });
    const text = textOf(pdf);
    expect(text).toContain('Page 2 sur 2');
    const closing = text.indexOf('Nous vous prions d’agréer');
    expect(closing).toBeGreaterThan(text.indexOf('Page 1 sur 2'));
    expect(text.indexOf('Le Directeur du Commerce extérieur', closing)).toBeGreaterThan(closing);
  });
});
