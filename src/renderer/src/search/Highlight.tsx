import type { ReactNode } from 'react';
import classes from './Highlight.module.css';

/** `text` with the given character ranges wrapped in `<mark>` (ranges come from the core). */
export function Highlight({
  text,
  ranges,
}: {
  text: string;
  ranges: readonly (readonly [number, number])[] | undefined;
}) {
  if (!ranges || ranges.length === 0) return <>{text}</>;
  const sorted = [...ranges]
    .filter(([start, end]) => end > start && start >= 0 && start < text.length)
    .sort((a, b) => a[0] - b[0]);
  const parts: ReactNode[] = [];
  let at = 0;
  for (const [start, end] of sorted) {
    const from = Math.max(start, at);
    const to = Math.min(end, text.length);
    if (to <= from) continue;
    if (from > at) parts.push(text.slice(at, from));
    parts.push(
      <mark key={from} className={classes.mark}>
        {text.slice(from, to)}
      </mark>,
    );
    at = to;
  }
  if (at < text.length) parts.push(text.slice(at));
  return <>{parts}</>;
}
