import type { FontName } from './pdfFonts';

/**
 * The office's seal, drawn as vectors: two rings, the ring text set letter by letter around the
 * circle, and the five-pointed star of the Togolese flag with a short acronym under it. Slightly
 * turned and translucent, like a stamp pressed on the paper.
 */
export function drawSeal(
  doc: PDFKit.PDFDocument,
  seal: { cx: number; cy: number; radius: number; ring: string; center: string; color: string },
  font: (name: FontName) => void,
): void {
  const { cx, cy, radius, color } = seal;
  doc.save();
  doc.opacity(0.82);
  doc.rotate(-12, { origin: [cx, cy] });
  doc.lineWidth(1.8).strokeColor(color).circle(cx, cy, radius).stroke();
  doc
    .lineWidth(0.6)
    .circle(cx, cy, radius - 3.5)
    .stroke();
  doc
    .lineWidth(0.8)
    .circle(cx, cy, radius * 0.58)
    .stroke();

  // Ring text, clockwise from the top-left, each letter upright towards the centre.
  const size = radius * 0.16;
  font('sansBold');
  doc.fontSize(size).fillColor(color);
  const textRadius = radius - 5.5 - size * 0.75;
  const widths = [...seal.ring].map((char) => doc.widthOfString(char));
  // The text is spread evenly all around the ring, like a stamp's.
  const gap = size * 0.12;
  const total = widths.reduce((sum, width) => sum + width + gap, 0);
  const span = 2 * Math.PI * (1 - gap / (2 * Math.PI * textRadius));
  const scale = span / (total / textRadius);
  let angle = -Math.PI / 2 - span / 2;
  [...seal.ring].forEach((char, index) => {
    const advance = ((widths[index]! + gap) * scale) / textRadius;
    const middle = angle + advance / 2;
    doc.save();
    doc.translate(cx + textRadius * Math.cos(middle), cy + textRadius * Math.sin(middle));
    doc.rotate(((middle + Math.PI / 2) * 180) / Math.PI);
    doc.text(char, -widths[index]! / 2, -size * 0.5, { lineBreak: false });
    doc.restore();
    angle += advance;
  });

  // The star, then the acronym under it.
  const starRadius = radius * 0.3;
  const starY = cy - radius * 0.08;
  const points: [number, number][] = [];
  for (let index = 0; index < 10; index++) {
    const r = index % 2 === 0 ? starRadius : starRadius * 0.4;
    const a = -Math.PI / 2 + (index * Math.PI) / 5;
    points.push([cx + r * Math.cos(a), starY + r * Math.sin(a)]);
  }
  doc.polygon(...points).fill(color);
  const centerSize = radius * 0.15;
  font('sansBold');
  doc.fontSize(centerSize);
  const centerWidth = doc.widthOfString(seal.center);
  doc.text(seal.center, cx - centerWidth / 2, starY + starRadius * 0.85, { lineBreak: false });
  doc.restore();
}
