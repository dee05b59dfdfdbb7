import QRCode from 'qrcode';

/**
 * Draws a QR code as vector squares from the `qrcode` package's module matrix: crisp at any
 * zoom or print resolution. Adjacent dark modules of a row are merged into one rectangle, which
 * keeps the content stream small and leaves no hairline seams between modules when rendered.
 */
export function drawQrCode(
  doc: PDFKit.PDFDocument,
  text: string,
  box: { x: number; y: number; size: number; color: string },
): { modules: number; version: number } {
  // One byte-mode segment: the payload is base64url, for which the library's search for an
  // optimal mix of modes (a shortest-path over the text) costs time and saves nothing.
  const qr = QRCode.create([{ data: Buffer.from(text, 'utf8'), mode: 'byte' }], {
    errorCorrectionLevel: 'M',
  });
  const { size, data } = qr.modules;
  const module = box.size / size;
  doc.save();
  for (let row = 0; row < size; row++) {
    let start = -1;
    for (let col = 0; col <= size; col++) {
      const dark = col < size && data[row * size + col] === 1;
      if (dark && start < 0) start = col;
      if (!dark && start >= 0) {
        doc.rect(box.x + start * module, box.y + row * module, (col - start) * module, module);
        start = -1;
      }
    }
  }
  doc.fillColor(box.color).fill();
  doc.restore();
  return { modules: size, version: qr.version };
}
