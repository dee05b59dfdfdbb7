import { createHash } from 'node:crypto';
import { describe, expect, it } from 'vitest';
import jpeg from 'jpeg-js';
import pngjs from 'pngjs';
import { createAttachmentPool, type AttachmentSpec } from '../../../src/simulator/attachments';

const sha256 = (bytes: Buffer) => createHash('sha256').update(bytes).digest('hex');

const spec = (documentCode: string, mimeTypes: AttachmentSpec['mimeTypes']): AttachmentSpec => ({
  procedureCode: 'ART-CP',
  procedureTitle: "Carte professionnelle d'artisan",
  documentCode,
  documentLabel: "Pièce d'identité",
  mimeTypes,
});

describe('attachment pool', () => {
  const pool = createAttachmentPool(3);

  it('renders real PDFs with accents, deterministic to the byte', () => {
    const body = pool.get(spec('QUITTANCE', ['application/pdf']), 1);
    expect(body.mimeType).toBe('application/pdf');
    expect(body.bytes.subarray(0, 5).toString('latin1')).toBe('%PDF-');
    expect(body.bytes.subarray(-6).toString('latin1')).toContain('%%EOF');
    expect(body.size).toBe(body.bytes.length);
    expect(body.sha256).toBe(sha256(body.bytes));
    const fresh = createAttachmentPool(3).get(spec('QUITTANCE', ['application/pdf']), 1);
    expect(fresh.sha256).toBe(body.sha256);
  });

  it('renders decodable JPEG and PNG images', () => {
    const both = spec('PIECE_IDENTITE', ['image/jpeg', 'image/png']);
    const photo = pool.get(both, 0);
    expect(photo.mimeType).toBe('image/jpeg');
    expect([...photo.bytes.subarray(0, 3)]).toEqual([0xff, 0xd8, 0xff]);
    const decoded = jpeg.decode(photo.bytes);
    expect(decoded.width).toBeGreaterThan(100);

    const png = pool.get(both, 1);
    expect(png.mimeType).toBe('image/png');
    expect([...png.bytes.subarray(0, 8)]).toEqual([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
    expect(pngjs.PNG.sync.read(png.bytes).height).toBeGreaterThan(100);
    expect(createAttachmentPool(3).get(both, 1).sha256).toBe(png.sha256);
  });

  it('renders each variant once and finds it again by hash', () => {
    const quittance = spec('QUITTANCE', ['application/pdf']);
    const first = pool.get(quittance, 2);
    expect(pool.get({ ...quittance }, 2)).toBe(first);
    expect(pool.get(quittance, 5)).toBe(first); // variants wrap around the pool size
    expect(pool.bySha256(first.sha256)).toBe(first);
    expect(pool.get(quittance, 0).sha256).not.toBe(first.sha256);
    expect(pool.bySha256('0'.repeat(64))).toBeUndefined();
  });
});
