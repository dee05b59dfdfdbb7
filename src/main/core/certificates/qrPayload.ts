import { createHash, sign, verify, type KeyObject } from 'node:crypto';
import type { CertificateFacts } from '../../../shared/api/certificateTypes';

/**
 * The signed text a certificate's QR code carries, readable offline with only the issuing
 * office's public key:
 *
 *     BUR1.<payload, base64url>.<Ed25519 signature of "BUR1.<payload>", base64url>
 *
 * The payload is UTF-8 text, fields separated by U+001F: number, procedure, holder, issue day
 * and last valid day (YYYYMMDD, the latter empty when the certificate does not expire), office,
 * key id, then 2–4 key facts as « label U+001E value », then — on a certificate issued in training
 * mode only — the field `SPÉCIMEN — FORMATION` (TRAINING_MARK). The mark is signed with the rest:
 * it cannot be removed without breaking the signature, and a real certificate's payload is exactly
 * what it was before the mark existed. A verifier older than the mark reads a marked payload as
 * unreadable (a field that is no « label U+001E value » pair), never as authentic. Base64url keeps the QR content pure ASCII
 * (QR readers guess the charset of raw bytes, and some guess wrong on UTF-8 accents); the whole
 * text stays around 300–400 characters, a version 12–15 QR code that a 150-dpi scan reads.
 *
 * This module needs only node:crypto: the standalone verifier script uses it too.
 */

export const QR_PREFIX = 'BUR1';
/** The last field of a training certificate's payload (see above). */
export const TRAINING_MARK = 'SPÉCIMEN — FORMATION';
const FIELD = '\u001f';
const PAIR = '\u001e';
const MAX_FACT_VALUE = 48;
const MAX_HOLDER = 90;
const TEXT_PATTERN = /^BUR1\.([A-Za-z0-9_-]{16,1200})\.([A-Za-z0-9_-]{86})$/;
// The office part is the office numbering code (2 to 10 letters, see admin.office.update).
export const NUMBER_PATTERN = /^[A-Z]{2,4}-\d{4}-[A-Z]{2,10}-\d{6}$/;
const DAY_PATTERN = /^(\d{4})(\d{2})(\d{2})$/;

/** Spaces of any kind become plain spaces, control characters go: each byte counts in a QR. */
function compact(value: string, max: number): string {
  const flat = value
    // eslint-disable-next-line no-control-regex
    .replace(/[\u0000-\u001f\u007f]/g, ' ')
    .replace(/[\u00a0\u202f\u2009]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
  return flat.length > max ? `${flat.slice(0, max - 1)}…` : flat;
}

const day = (iso: string) => iso.replaceAll('-', '');
const isoOf = (compactDay: string) => {
  const match = DAY_PATTERN.exec(compactDay);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
};

/** The facts as they will read back from the QR code (normalized the same way). */
export function qrFacts(facts: CertificateFacts): CertificateFacts {
  const keyFacts: Record<string, string> = {};
  for (const [label, value] of Object.entries(facts.keyFacts)) {
    keyFacts[compact(label, 24)] = compact(value, MAX_FACT_VALUE);
  }
  return { ...facts, holder: compact(facts.holder, MAX_HOLDER), keyFacts };
}

function encodePayload(facts: CertificateFacts): string {
  const normalized = qrFacts(facts);
  const fields = [
    normalized.number,
    normalized.procedureCode,
    normalized.holder,
    day(normalized.issuedOn),
    normalized.expiresOn ? day(normalized.expiresOn) : '',
    normalized.officeCode,
    normalized.keyId,
    ...Object.entries(normalized.keyFacts).map(([label, value]) => `${label}${PAIR}${value}`),
    ...(facts.training ? [TRAINING_MARK] : []),
  ];
  return Buffer.from(fields.join(FIELD), 'utf8').toString('base64url');
}

/** Signs the facts with the office's private key; returns the text to put in the QR code. */
export function signQrText(facts: CertificateFacts, privateKey: KeyObject): string {
  const signed = `${QR_PREFIX}.${encodePayload(facts)}`;
  const signature = sign(null, Buffer.from(signed, 'ascii'), privateKey);
  return `${signed}.${signature.toString('base64url')}`;
}

export interface ParsedQrText {
  facts: CertificateFacts;
  /** The exact bytes the signature covers. */
  signed: Buffer;
  signature: Buffer;
}

/** Reads a QR text; null when it is not a well-formed Bureau certificate payload. */
export function parseQrText(text: string): ParsedQrText | null {
  const match = TEXT_PATTERN.exec(text.trim());
  if (!match) return null;
  const [, payload, signature] = match as unknown as [string, string, string];
  const fields = Buffer.from(payload, 'base64url').toString('utf8').split(FIELD);
  const training = fields.at(-1) === TRAINING_MARK;
  if (training) fields.pop();
  if (fields.length < 7 || fields.length > 11) return null;
  const [number, procedureCode, holder, issued, expires, officeCode, keyId, ...pairs] = fields as [
    string,
    string,
    string,
    string,
    string,
    string,
    string,
    ...string[],
  ];
  const issuedOn = isoOf(issued);
  const expiresOn = expires === '' ? null : isoOf(expires);
  if (
    !NUMBER_PATTERN.test(number) ||
    !/^[A-Z]{3}-[A-Z]{2,6}$/.test(procedureCode) ||
    holder.trim() === '' ||
    !issuedOn ||
    (expires !== '' && !expiresOn) ||
    !/^[A-Z]{3}$/.test(officeCode) ||
    !/^[A-Z]{3}-[0-9a-f]{8}$/.test(keyId)
  ) {
    return null;
  }
  const keyFacts: Record<string, string> = {};
  for (const pair of pairs) {
    const [label, value, extra] = pair.split(PAIR);
    if (!label || value === undefined || extra !== undefined) return null;
    keyFacts[label] = value;
  }
  return {
    facts: {
      number,
      procedureCode,
      holder,
      keyFacts,
      issuedOn,
      expiresOn,
      officeCode,
      keyId,
      // Present on training certificates only: a real certificate's facts are as they were.
      ...(training ? { training: true as const } : {}),
    },
    signed: Buffer.from(`${QR_PREFIX}.${payload}`, 'ascii'),
    signature: Buffer.from(signature, 'base64url'),
  };
}

export function signatureValid(
  parsed: Pick<ParsedQrText, 'signed' | 'signature'>,
  publicKey: KeyObject,
): boolean {
  try {
    return verify(null, parsed.signed, publicKey, parsed.signature);
  } catch {
    return false;
  }
}

/** First 8 hex digits of the SHA-256 of the public key (SPKI DER): the variable part of a key id. */
export function keyFingerprint(publicKey: KeyObject): string {
  const der = publicKey.export({ type: 'spki', format: 'der' });
  return createHash('sha256').update(der).digest('hex').slice(0, 8);
}

/** `LOM-3f9a1c2e`: the office that owns the key, then the key's fingerprint. */
export function keyIdFor(officeCode: string, publicKey: KeyObject): string {
  return `${officeCode}-${keyFingerprint(publicKey)}`;
}

/** Whether `keyId` names this public key (its fingerprint part matches). */
export function keyIdMatches(keyId: string, publicKey: KeyObject): boolean {
  return keyId.endsWith(`-${keyFingerprint(publicKey)}`);
}
