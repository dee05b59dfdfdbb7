import { generateKeyPairSync } from 'node:crypto';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/main/core/catalog/loadCatalog';
import {
  certificateDocument,
  certificateFacts,
} from '../../src/main/core/certificates/certificateFacts';
import { renderCertificatePdf } from '../../src/main/core/certificates/certificatePdf';
import {
  frenchAmount,
  frenchDate,
  hsCode,
  lastValidDay,
  typographic,
} from '../../src/main/core/certificates/frenchFormat';
import { documentOf, type CertificateRow } from '../../src/main/core/certificates/certificateStore';
import { loadCertificateTemplates } from '../../src/main/core/certificates/loadTemplates';
import { extractQrTextFromPdf } from '../../src/main/core/certificates/pdfPayload';
import { loadFonts } from '../../src/main/core/certificates/pdfFonts';
import {
  keyIdFor,
  keyIdMatches,
  parseQrText,
  signatureValid,
  signQrText,
  TRAINING_MARK,
} from '../../src/main/core/certificates/qrPayload';
import {
  verifyQrText,
  type VerificationSources,
} from '../../src/main/core/certificates/verifyCertificate';
import type { CertificateFacts } from '../../src/shared/api/certificateTypes';
import type { PortalApplication } from '../../src/shared/portal/portalApplication';

const resources = join(import.meta.dirname, '..', '..', 'resources');
const catalog = loadCatalog(join(resources, 'procedures'));
const templates = loadCertificateTemplates(join(resources, 'certificates'), catalog);
const keys = generateKeyPairSync('ed25519');
const keyId = keyIdFor('LOM', keys.publicKey);

function apips(overrides: Partial<PortalApplication['form']> = {}): PortalApplication {
  return {
    id: 'app-000001-abcdef',
    reference: 'COM-APIPS-2026-000001',
    procedureCode: 'COM-APIPS',
    status: 'approved',
    version: 4,
    submittedAt: '2026-11-02T08:00:00Z',
    updatedAt: '2026-11-20T08:00:00Z',
    applicant: {
      firstName: 'Akossiwa',
      lastName: 'Dossou',
      phone: '+228 90 12 34 56',
      email: 'a.dossou@exemple.tg',
      region: 'Maritime',
      city: 'Aného',
      address: 'Quartier Zongo, BP 12',
    },
    company: {
      name: 'Société Éwé d’Import-Export SARL',
      legalForm: 'SARL',
      nif: '1000234567',
      rccm: 'TG-LFW-01-2024-B12-00345',
    },
    form: {
      importerCardNumber: 'CIE-2026-LOM-000123',
      productDescription: 'Riz brisé parfumé',
      hsCode: '100640',
      quantity: 1_250_000,
      quantityUnit: 'kg',
      cifValue: 1_250_000,
      originCountry: 'TH',
      entryPoint: 'portLome',
      proformaInvoiceNumber: 'PRO-2026-042',
      proformaInvoiceDate: '2026-10-01',
      ...overrides,
    },
    documents: [],
  };
}

function documentFor(record: PortalApplication, number = 'APIP-2026-LOM-000001', training = false) {
  const procedure = catalog.get(record.procedureCode)!;
  const template = templates.get(record.procedureCode);
  const issue = {
    number,
    issuedAt: new Date('2026-11-23T09:15:00.000Z'),
    officeCode: 'LOM',
    issuedBy: { id: 'u-agent-kossi', displayName: 'Kossi Agbodjan' },
    keyId,
    training,
  };
  const context = { record, procedure };
  const facts = certificateFacts(template, context, issue);
  const qrText = signQrText(facts, keys.privateKey);
  return certificateDocument(template, templates.layout, context, issue, facts, qrText);
}

describe('French formatting of certificates', () => {
  it('writes dates, amounts and tariff codes the French way', () => {
    expect(frenchDate('2026-11-23')).toBe('23 novembre 2026');
    expect(frenchDate('2026-12-01')).toBe('1er décembre 2026');
    expect(frenchDate('2027-08-15')).toBe('15 août 2027');
    expect(frenchAmount(1_250_000)).toBe('1\u202f250\u202f000\u00a0FCFA');
    expect(frenchAmount(950)).toBe('950\u00a0FCFA');
    expect(hsCode('100640')).toBe('1006.40');
    expect(hsCode('0901110000')).toBe('0901.11.00.00');
    expect(typographic("Vérifier (« l'original » : oui)")).toBe(
      'Vérifier (« l’original » : oui)'
        .replace('« ', '«\u00a0')
        .replace(' »', '\u00a0»')
        .replace(' :', '\u00a0:'),
    );
  });

  it('ends validity the day before the same date months later, clamping month ends', () => {
    expect(lastValidDay('2026-11-23', 12)).toBe('2027-11-22');
    expect(lastValidDay('2026-11-23', 6)).toBe('2027-05-22');
    expect(lastValidDay('2026-08-31', 6)).toBe('2027-02-27');
    expect(lastValidDay('2027-08-31', 6)).toBe('2028-02-28');
    expect(lastValidDay('2026-01-01', 12)).toBe('2026-12-31');
  });

  it('resolves the template: option labels, units, countries, amounts', () => {
    const document = documentFor(apips());
    const value = (label: string) => document.fields.find((field) => field.label === label)?.value;
    expect(document.holder).toEqual({
      label: 'Importateur',
      value: 'Société Éwé d’Import-Export SARL',
    });
    expect(value('Quantité autorisée')).toBe('1\u202f250\u202f000 kilogrammes');
    expect(value('Valeur CAF')).toBe('1\u202f250\u202f000\u00a0FCFA');
    expect(value('Pays d’origine')).toBe('Thaïlande');
    expect(value('Point d’entrée')).toBe('Port autonome de Lomé');
    expect(value('Position tarifaire (SH)')).toBe('1006.40');
    expect(value('Date de la facture')).toBe('1er octobre 2026');
    expect(document.expiresOn).toBe('2027-05-22');
    expect(document.expiresOnText).toBe('22 mai 2027');
  });
});

describe('the signed QR payload', () => {
  const document = documentFor(apips());

  it('round-trips the facts and verifies with the public key alone', () => {
    const parsed = parseQrText(document.qrText)!;
    expect(parsed.facts).toEqual({
      number: 'APIP-2026-LOM-000001',
      procedureCode: 'COM-APIPS',
      holder: 'Société Éwé d’Import-Export SARL',
      keyFacts: {
        NIF: '1000234567',
        'Code SH': '1006.40',
        Quantité: '1 250 000 kilogrammes',
        'Valeur CAF': '1 250 000 FCFA',
      },
      issuedOn: '2026-11-23',
      expiresOn: '2027-05-22',
      officeCode: 'LOM',
      keyId,
    });
    expect(signatureValid(parsed, keys.publicKey)).toBe(true);
    expect(keyIdMatches(keyId, keys.publicKey)).toBe(true);
    expect(document.qrText).toMatch(/^BUR1\.[A-Za-z0-9_-]+\.[A-Za-z0-9_-]{86}$/);
    expect(document.qrText.length).toBeLessThan(420);
  });

  it('fails the signature when one character of the payload changes', () => {
    const [prefix, payload, signature] = document.qrText.split('.') as [string, string, string];
    const text = Buffer.from(payload, 'base64url')
      .toString('utf8')
      .replace('1000234567', '1000234568');
    const edited = `${prefix}.${Buffer.from(text).toString('base64url')}.${signature}`;
    const parsed = parseQrText(edited)!;
    expect(parsed.facts.keyFacts.NIF).toBe('1000234568');
    expect(signatureValid(parsed, keys.publicKey)).toBe(false);
    expect(
      signatureValid(parseQrText(document.qrText)!, generateKeyPairSync('ed25519').publicKey),
    ).toBe(false);
    expect(parseQrText('BUR1.abc.def')).toBeNull();
    expect(parseQrText(`BUR2.${payload}.${signature}`)).toBeNull();
  });
});

describe('a training certificate (« Mode formation »)', () => {
  const facts: CertificateFacts = {
    number: 'APIP-2026-LOM-000001',
    procedureCode: 'COM-APIPS',
    holder: 'Société Éwé d’Import-Export SARL',
    keyFacts: {
      NIF: '1000234567',
      'Code SH': '1006.40',
      Quantité: '1 250 000 kilogrammes',
      'Valeur CAF': '1 250 000 FCFA',
    },
    issuedOn: '2026-11-23',
    expiresOn: '2027-05-22',
    officeCode: 'LOM',
    keyId: 'LOM-0a1b2c3d',
  };
  const payloadOf = (qrText: string) => qrText.split('.')[1]!;
  const sources: VerificationSources = {
    publicKey: (id) => (id === keyId ? keys.publicKey : null),
    revocation: () => null,
    today: '2026-11-24',
  };

  it('leaves a real certificate’s payload exactly as it was before training marks existed', () => {
    // Written down before the mark was added: real certificates already issued must not change.
    expect(payloadOf(signQrText(facts, keys.privateKey))).toBe(
      'QVBJUC0yMDI2LUxPTS0wMDAwMDEfQ09NLUFQSVBTH1NvY2nDqXTDqSDDiXfDqSBk4oCZSW1wb3J0LUV4cG9ydCBTQVJMHzIwMjYxMTIzHzIwMjcwNTIyH0xPTR9MT00tMGExYjJjM2QfTklGHjEwMDAyMzQ1NjcfQ29kZSBTSB4xMDA2LjQwH1F1YW50aXTDqR4xIDI1MCAwMDAga2lsb2dyYW1tZXMfVmFsZXVyIENBRh4xIDI1MCAwMDAgRkNGQQ',
    );
    expect(documentFor(apips()).training).toBeUndefined();
    expect(parseQrText(documentFor(apips()).qrText)!.facts).not.toHaveProperty('training');
  });

  it('carries the mark as the last field of its signed payload', () => {
    const document = documentFor(apips(), 'APIP-2026-LOM-000001', true);
    expect(document.training).toBe(true);
    const fields = Buffer.from(payloadOf(document.qrText), 'base64url')
      .toString('utf8')
      .split('\u001f');
    expect(fields.at(-1)).toBe('SPÉCIMEN — FORMATION');
    expect(TRAINING_MARK).toBe('SPÉCIMEN — FORMATION');
    const parsed = parseQrText(document.qrText)!;
    expect(parsed.facts.training).toBe(true);
    expect(signatureValid(parsed, keys.publicKey)).toBe(true);
    // A stored training document reads back as it was, mark included.
    expect(
      documentOf({
        number: document.number,
        facts_json: JSON.stringify(document),
      } as CertificateRow),
    ).toEqual(document);
  });

  it('is a specimen for the verifier, and stripping the mark breaks the signature', () => {
    const document = documentFor(apips(), 'APIP-2026-LOM-000001', true);
    const verdict = verifyQrText(document.qrText, sources);
    expect(verdict.verdict).toBe('specimen');
    expect(verdict.message).toMatch(
      /^Certificat de formation \(SPÉCIMEN\) : sans valeur officielle\./,
    );
    expect(verdict.facts).toMatchObject({ number: 'APIP-2026-LOM-000001', training: true });
    // Revoked or expired, it says so as a real one would, opening with the training sentence.
    const revoked = verifyQrText(document.qrText, {
      ...sources,
      revocation: () => ({ revokedAt: '2026-12-01T10:00:00Z', reason: 'erreur' }),
    });
    expect(revoked.verdict).toBe('revoked');
    expect(revoked.message).toMatch(/^Certificat de formation \(SPÉCIMEN\)[^]*Révoqué/);
    const expired = verifyQrText(document.qrText, { ...sources, today: '2030-01-01' });
    expect(expired.verdict).toBe('expired');
    expect(expired.message).toMatch(/^Certificat de formation \(SPÉCIMEN\)/);

    const [prefix, payload, signature] = document.qrText.split('.') as [string, string, string];
    const text = Buffer.from(payload, 'base64url').toString('utf8');
    const stripped = text.slice(0, text.lastIndexOf('\u001f'));
    const edited = `${prefix}.${Buffer.from(stripped, 'utf8').toString('base64url')}.${signature}`;
    expect(parseQrText(edited)!.facts).not.toHaveProperty('training');
    expect(verifyQrText(edited, sources)).toMatchObject({ verdict: 'forged', facts: null });

    const real = verifyQrText(documentFor(apips()).qrText, sources);
    expect(real.verdict).toBe('authentic');
    expect(real.message).toMatch(/^Authentique/);
  });

  it('is drawn with the mark, its QR text still found without rendering', () => {
    const fonts = loadFonts(resources);
    const training = renderCertificatePdf(
      documentFor(apips(), 'APIP-2026-LOM-000001', true),
      fonts,
    );
    const real = renderCertificatePdf(documentFor(apips()), fonts);
    expect(training.length).toBeGreaterThan(real.length);
    expect(extractQrTextFromPdf(training)).toHaveLength(1);
    expect(parseQrText(extractQrTextFromPdf(training)[0]!)!.facts.training).toBe(true);
  });
});

describe('the PDF', () => {
  const fonts = loadFonts(resources);

  it('is the same bytes whenever the same document is rendered, whatever came before', () => {
    const first = documentFor(apips());
    const other = documentFor(
      apips({ productDescription: 'Huile de palme raffinée, fûts de 200 l' }),
      'APIP-2026-LOM-000002',
    );
    const once = renderCertificatePdf(first, fonts);
    renderCertificatePdf(other, fonts);
    renderCertificatePdf(other, fonts, {
      at: '2026-12-01T10:00:00.000Z',
      reprintedOn: '2026-12-01',
      reprintedOnText: '1er décembre 2026',
    });
    expect(renderCertificatePdf(first, fonts).equals(once)).toBe(true);
    expect(once.subarray(0, 8).toString('latin1')).toBe('%PDF-1.7');
  });

  it('carries its QR text where verification finds it without rendering', () => {
    const document = documentFor(apips());
    const pdf = renderCertificatePdf(document, fonts);
    expect(extractQrTextFromPdf(pdf)).toEqual([document.qrText]);
    expect(extractQrTextFromPdf(Buffer.from('pas un PDF'))).toEqual([]);
  });
});

describe('a stored certificate document', () => {
  const rowOf = (facts: unknown) =>
    ({ number: 'APIP-2026-LOM-000001', facts_json: JSON.stringify(facts) }) as CertificateRow;

  it('reads back exactly as it was issued', () => {
    const document = documentFor(apips());
    expect(documentOf(rowOf(document))).toEqual(document);
  });

  it('of another shape is refused, naming its row and what is wrong', () => {
    const { layout: _layout, ...withoutLayout } = documentFor(apips());
    expect(() => documentOf(rowOf(withoutLayout))).toThrow(
      /certificates\.facts_json \(certificates APIP-2026-LOM-000001\):[\s\S]*layout/,
    );
    expect(() => documentOf(rowOf({ ...documentFor(apips()), format: 2 }))).toThrow(/format/);
    expect(() =>
      documentOf({ number: 'APIP-2026-LOM-000001', facts_json: '{"format":' } as CertificateRow),
    ).toThrow(/not JSON/);
  });
});
