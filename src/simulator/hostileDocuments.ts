import { createHash } from 'node:crypto';
import type { SimReply, SimRequest } from './router';

/**
 * Document endpoints that misbehave on purpose (`POST /__sim/documents`), so tests can check that
 * a broken or hostile portal never hurts a desk: any id (a path traversal included), bytes that
 * do not match what the record declares, streams that never end, connections that reset or hang.
 * Every request is counted, so a test can prove a client backs off instead of spinning.
 */
export type HostileBehaviour =
  /** The bytes, with a Content-Length, honouring Range like a real document. */
  | 'normal'
  /** The connection is destroyed before any byte is sent. */
  | 'reset'
  /** Half of the bytes, then the connection is destroyed. */
  | 'reset-midway'
  /** The connection is accepted and never answered. */
  | 'hang'
  /** `oversizeBytes` bytes without a Content-Length (a body far larger than declared). */
  | 'oversize'
  /** Bytes forever, without a Content-Length, until the client hangs up. */
  | 'endless';

export const HOSTILE_BEHAVIOURS: readonly HostileBehaviour[] = [
  'normal',
  'reset',
  'reset-midway',
  'hang',
  'oversize',
  'endless',
];

export interface HostileDocument {
  bytes: Buffer;
  mimeType: string;
  behaviour: HostileBehaviour;
  oversizeBytes: number;
}

/** Never more than this from one endless stream, whatever the client does (1 GiB). */
const ENDLESS_CEILING = 1024 * 1024 * 1024;
const CHUNK = Buffer.alloc(64 * 1024, 0x41);
const MAX_ID_LENGTH = 1000;

export function checkHostileDocument(input: unknown): (HostileDocument & { id: string }) | string {
  if (!input || typeof input !== 'object' || Array.isArray(input)) return 'objet attendu';
  const body = input as Record<string, unknown>;
  if (typeof body.id !== 'string' || body.id.length === 0 || body.id.length > MAX_ID_LENGTH) {
    return `« id » : texte de 1 à ${MAX_ID_LENGTH} caractères attendu`;
  }
  const behaviour = body.behaviour ?? 'normal';
  if (!HOSTILE_BEHAVIOURS.includes(behaviour as HostileBehaviour)) {
    return `« behaviour » : une valeur parmi ${HOSTILE_BEHAVIOURS.join(', ')}`;
  }
  const base64 = body.base64 ?? '';
  if (typeof base64 !== 'string') return '« base64 » : texte attendu';
  const oversize = body.oversizeBytes ?? 100 * 1024 * 1024;
  if (typeof oversize !== 'number' || !Number.isInteger(oversize) || oversize < 0) {
    return '« oversizeBytes » : entier positif attendu';
  }
  const mimeType = body.mimeType ?? 'application/pdf';
  if (typeof mimeType !== 'string') return '« mimeType » : texte attendu';
  return {
    id: body.id,
    bytes: Buffer.from(base64, 'base64'),
    mimeType,
    behaviour: behaviour as HostileBehaviour,
    oversizeBytes: Math.min(oversize, ENDLESS_CEILING),
  };
}

function untilClosed(request: SimRequest): Promise<SimReply> {
  return new Promise((resolve) => {
    const socket = request.raw.socket;
    if (socket.destroyed) resolve({ status: 500 });
    else socket.once('close', () => resolve({ status: 500 }));
  });
}

/** Writes `total` bytes (or until the client goes) without a Content-Length. */
async function streamWithoutLength(request: SimRequest, mimeType: string, total: number) {
  const { response } = request;
  response.writeHead(200, { 'content-type': mimeType });
  let sent = 0;
  while (sent < total && !response.destroyed && !response.writableEnded) {
    const piece = CHUNK.subarray(0, Math.min(CHUNK.length, total - sent));
    sent += piece.length;
    if (!response.write(piece)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          response.off('drain', done);
          response.off('close', done);
          resolve();
        };
        response.on('drain', done);
        response.on('close', done);
      });
    }
  }
  if (!response.destroyed) response.end();
}

export function createHostileDocuments() {
  const documents = new Map<string, HostileDocument>();
  const requests = new Map<string, number>();

  return {
    add(id: string, document: HostileDocument): { id: string; size: number; sha256: string } {
      documents.set(id, document);
      requests.set(id, 0);
      return {
        id,
        size: document.bytes.length,
        sha256: createHash('sha256').update(document.bytes).digest('hex'),
      };
    },
    has: (id: string) => documents.has(id),
    requestCount: (id: string) => requests.get(id) ?? 0,
    clear(): void {
      documents.clear();
      requests.clear();
    },
    /** Serves a registered document its way; the reply is already written when headers were sent. */
    async serve(id: string, request: SimRequest): Promise<SimReply | null> {
      const document = documents.get(id);
      if (!document) return null;
      requests.set(id, (requests.get(id) ?? 0) + 1);
      const { response } = request;
      switch (document.behaviour) {
        case 'reset':
          request.raw.socket.destroy();
          return { status: 500 };
        case 'hang':
          return untilClosed(request);
        case 'reset-midway': {
          response.writeHead(200, {
            'content-type': document.mimeType,
            'content-length': document.bytes.length,
          });
          response.write(document.bytes.subarray(0, document.bytes.length >> 1));
          await new Promise((resolve) => setTimeout(resolve, 10));
          request.raw.socket.destroy();
          return { status: 500 };
        }
        case 'oversize':
          await streamWithoutLength(request, document.mimeType, document.oversizeBytes);
          return { status: 200 };
        case 'endless':
          await streamWithoutLength(request, document.mimeType, ENDLESS_CEILING);
          return { status: 200 };
        case 'normal':
          return null;
      }
    },
    document: (id: string) => documents.get(id),
  };
}
export type HostileDocuments = ReturnType<typeof createHostileDocuments>;
