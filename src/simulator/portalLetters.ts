import { createHash } from 'node:crypto';
import { errorReply, jsonReply, type SimReply } from './router';

/**
 * Decision letters the portal offers its applicants (issue 20 §1): a `decision.rejected`,
 * `info.requested` or `decision.approved` event may carry `payload.letter` (number, kind,
 * fileName, mimeType, size, sha256, base64, qrText, keyId); the PDF is checked against its
 * sha256 before the event is accepted, stored once it is, listed by
 * `GET /api/v1/applications/:id/letters` and served by `GET /api/v1/applications/:id/letters/:number`
 * (with `X-Content-SHA256`). An event without `letter` (an older Bureau) is accepted as before.
 * See docs/portal-api.md, « Courriers de décision ».
 */

export const LETTER_EVENT_KINDS = ['decision.rejected', 'info.requested', 'decision.approved'];

interface StoredLetter {
  number: string;
  kind: string;
  eventKind: string;
  fileName: string;
  bytes: Buffer;
  sha256: string;
  qrText: string;
  keyId: string;
  receivedAt: string;
}

interface LetterPayload {
  number: string;
  kind: string;
  fileName: string;
  sha256: string;
  base64: string;
  qrText: string;
  keyId: string;
}

const isObject = (value: unknown): value is Record<string, unknown> =>
  !!value && typeof value === 'object' && !Array.isArray(value);

const LETTER_NUMBER = /^LR-[A-Z0-9]{2,12}-\d{4}-\d{6}$/;
const KINDS = ['rejection', 'info_request', 'approval'];

function letterOf(payload: Record<string, unknown>): LetterPayload | null | string {
  const letter = payload.letter;
  if (letter === undefined) return null;
  if (
    !isObject(letter) ||
    typeof letter.number !== 'string' ||
    !LETTER_NUMBER.test(letter.number) ||
    typeof letter.kind !== 'string' ||
    !KINDS.includes(letter.kind) ||
    typeof letter.fileName !== 'string' ||
    letter.mimeType !== 'application/pdf' ||
    typeof letter.sha256 !== 'string' ||
    typeof letter.base64 !== 'string' ||
    typeof letter.qrText !== 'string' ||
    typeof letter.keyId !== 'string'
  ) {
    return 'letter doit être { number (LR-…), kind, fileName, mimeType: "application/pdf", size, sha256, base64, qrText, keyId }.';
  }
  const bytes = Buffer.from(letter.base64, 'base64');
  if (createHash('sha256').update(bytes).digest('hex') !== letter.sha256) {
    return 'Le PDF du courrier (letter.base64) ne correspond pas à son empreinte sha256.';
  }
  return letter as unknown as LetterPayload;
}

export function createPortalLetters(now: () => Date) {
  const byApplication = new Map<string, StoredLetter[]>();

  return {
    /** Refuses a decision event whose letter is malformed, before the event is accepted. */
    check(body: unknown): SimReply | null {
      if (!isObject(body) || !LETTER_EVENT_KINDS.includes(String(body.kind))) return null;
      if (!isObject(body.payload)) return null;
      const letter = letterOf(body.payload);
      return typeof letter === 'string' ? errorReply(422, 'validation_failed', letter) : null;
    },
    /** After the portal accepted the event: keeps the applicant's letter. */
    record(applicationId: string, body: unknown): void {
      if (!isObject(body) || !LETTER_EVENT_KINDS.includes(String(body.kind))) return;
      if (!isObject(body.payload)) return;
      const letter = letterOf(body.payload);
      if (!letter || typeof letter === 'string') return;
      const list = byApplication.get(applicationId) ?? [];
      if (list.some((stored) => stored.number === letter.number)) return; // a replay
      list.push({
        number: letter.number,
        kind: letter.kind,
        eventKind: String(body.kind),
        fileName: letter.fileName,
        bytes: Buffer.from(letter.base64, 'base64'),
        sha256: letter.sha256,
        qrText: letter.qrText,
        keyId: letter.keyId,
        receivedAt: now().toISOString(),
      });
      byApplication.set(applicationId, list);
    },
    list(applicationId: string): SimReply {
      const letters = (byApplication.get(applicationId) ?? []).map((letter) => ({
        number: letter.number,
        kind: letter.kind,
        event: letter.eventKind,
        fileName: letter.fileName,
        size: letter.bytes.length,
        sha256: letter.sha256,
        keyId: letter.keyId,
        qrText: letter.qrText,
        receivedAt: letter.receivedAt,
      }));
      return jsonReply(200, { letters });
    },
    reply(applicationId: string, number: string): SimReply {
      const stored = byApplication.get(applicationId)?.find((letter) => letter.number === number);
      if (!stored) {
        return errorReply(
          404,
          'not_found',
          `Aucun courrier n° ${number.slice(0, 40)} pour cette demande.`,
        );
      }
      return {
        status: 200,
        headers: {
          'content-type': 'application/pdf',
          'content-disposition': `attachment; filename*=UTF-8''${encodeURIComponent(stored.fileName)}`,
          'x-content-sha256': stored.sha256,
          'x-letter-number': stored.number,
        },
        body: stored.bytes,
      };
    },
  };
}
export type PortalLetters = ReturnType<typeof createPortalLetters>;
