/**
 * A guilloché rosette behind the body — the fine interlaced line work of banknotes and official
 * papers — drawn as one vector path (a hypotrochoid), very light so it never hinders reading.
 */
export function drawGuilloche(
  doc: PDFKit.PDFDocument,
  rosette: { cx: number; cy: number; radius: number; color: string },
): void {
  const { cx, cy, radius } = rosette;
  // Rolling circle of 7/24 of the fixed one: the curve closes after 7 turns, with 24 loops.
  const ratio = 7 / 24;
  const pen = 0.62;
  const scale = radius / (1 - ratio + pen * ratio);
  const steps = 7 * 150;
  doc.save();
  doc.lineWidth(0.35).strokeOpacity(0.14).strokeColor(rosette.color);
  for (let step = 0; step <= steps; step++) {
    const t = (step / steps) * 7 * 2 * Math.PI;
    const k = (1 - ratio) / ratio;
    const x = cx + scale * ((1 - ratio) * Math.cos(t) + pen * ratio * Math.cos(k * t));
    const y = cy + scale * ((1 - ratio) * Math.sin(t) - pen * ratio * Math.sin(k * t));
    if (step === 0) doc.moveTo(x, y);
    else doc.lineTo(x, y);
  }
  doc.stroke();
  doc
    .circle(cx, cy, radius * 1.04)
    .lineWidth(0.5)
    .stroke();
  doc.restore();
}
