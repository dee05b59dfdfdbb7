import { sign, type KeyObject } from 'node:crypto';
import { TRAINING_MARK } from '../certificates/qrPayload';

/**
 * The signed text a decision letter's QR code carries, read by the same verifiers as
 * certificates (the screen, `scripts/verify-certificate.ts`) with the same office keys:
 *
 *     BUL1.<payload, base64url>.<Ed25519 signature of "BUL1.<payload>", base64url>
 *
 * `BUL1` (« Bureau, lettre ») and not the certificates' `BUR1`: a letter can never be read as a
 * certificate, nor a certificate as a letter, by any verifier, old or new (an older one answers
 * « illisible »). The payload is UTF-8, fields separated by U+001F: number, kind (`REJ`, `INF`,
 * `APP`), procedure, application number, addressee, day of the letter (YYYYMMDD), answer-by day
 * (an information request; empty otherwise), office, key id, then — training letters only — the
 * signed `SPÉCIMEN — FORMATION` mark, as on certificates.
 *
 * Needs only node:crypto: the standalone verifier uses it.
 */

export const LETTER_QR_PREFIX = 'BUL1';
const FIELD = '\u001f';
const TEXT_PATTERN = /^BUL1\.([A-Za-z0-9_-]{16,1200})\.([A-Za-z0-9_-]{86})$/;
/** `LR-LOM-2026-000123`, or with a desk's series code `LR-LOM7F3A-2026-000123`. */
export const LETTER_NUMBER_PATTERN = /^LR-[A-Z0-9]{2,12}-\d{4}-\d{6}$/;
const DAY = /^(\d{4})(\d{2})(\d{2})$/;

export const LETTER_KIND_CODES = {
  rejection: 'REJ',
  info_request: 'INF',
  approval: 'APP',
} as const;
export type LetterKindCode = (typeof LETTER_KIND_CODES)[keyof typeof LETTER_KIND_CODES];

export interface LetterFacts {
  number: string;
  kind: keyof typeof LETTER_KIND_CODES;
  procedureCode: string;
  reference: string;
  addressee: string;
  issuedOn: string;
  answerBy: string | null;
  officeCode: string;
  keyId: string;
  training?: true;
}

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
  const match = DAY.exec(compactDay);
  return match ? `${match[1]}-${match[2]}-${match[3]}` : null;
};

export function signLetterQrText(facts: LetterFacts, privateKey: KeyObject): string {
  const fields = [
    facts.number,
    LETTER_KIND_CODES[facts.kind],
    facts.procedureCode,
    compact(facts.reference, 48),
    compact(facts.addressee, 90),
    day(facts.issuedOn),
    facts.answerBy ? day(facts.answerBy) : '',
    facts.officeCode,
    facts.keyId,
    ...(facts.training ? [TRAINING_MARK] : []),
  ];
  const signed = `${LETTER_QR_PREFIX}.${Buffer.from(fields.join(FIELD), 'utf8').toString('base64url')}`;
  const signature = sign(null, Buffer.from(signed, 'ascii'), privateKey);
  return `${signed}.${signature.toString('base64url')}`;
}

export interface ParsedLetterQrText {
  facts: LetterFacts;
  signed: Buffer;
  signature: Buffer;
}

/** Reads a letter's QR text; null when it is not a well-formed Bureau letter payload. */
export function parseLetterQrText(text: string): ParsedLetterQrText | null {
  const match = TEXT_PATTERN.exec(text.trim());
  if (!match) return null;
  const [, payload, signature] = match as unknown as [string, string, string];
  const fields = Buffer.from(payload, 'base64url').toString('utf8').split(FIELD);
  const training = fields.at(-1) === TRAINING_MARK;
  if (training) fields.pop();
  if (fields.length !== 9) return null;
  const [number, kindCode, procedureCode, reference, addressee, issued, answer, officeCode, keyId] =
    fields as [string, string, string, string, string, string, string, string, string];
  const kind = (Object.keys(LETTER_KIND_CODES) as (keyof typeof LETTER_KIND_CODES)[]).find(
    (name) => LETTER_KIND_CODES[name] === kindCode,
  );
  const issuedOn = isoOf(issued);
  const answerBy = answer === '' ? null : isoOf(answer);
  if (
    !kind ||
    !LETTER_NUMBER_PATTERN.test(number) ||
    !/^[A-Z]{3}-[A-Z]{2,6}$/.test(procedureCode) ||
    reference.trim() === '' ||
    addressee.trim() === '' ||
    !issuedOn ||
    (answer !== '' && !answerBy) ||
    !/^[A-Z]{3}$/.test(officeCode) ||
    !/^[A-Z]{3}-[0-9a-f]{8}$/.test(keyId)
  ) {
    return null;
  }
  return {
    facts: {
      number,
      kind,
      procedureCode,
      reference,
      addressee,
      issuedOn,
      answerBy,
      officeCode,
      keyId,
      ...(training ? { training: true as const } : {}),
    },
    signed: Buffer.from(`${LETTER_QR_PREFIX}.${payload}`, 'ascii'),
    signature: Buffer.from(signature, 'base64url'),
  };
}
