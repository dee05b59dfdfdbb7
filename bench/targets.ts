/**
 * Issue 18's acceptance: one table, at the end of `npm run bench`, with each target beside its
 * figure. Every bench entry reports its figures here as it prints its own table; the default run
 * prints them all together (`printTargets`), each entry run alone prints only its own.
 */
export interface TargetLine {
  /** The section, e.g. « §5 1M ». */
  section: string;
  what: string;
  size: number | null;
  /** The figure as measured, with its unit (« 12.1 ms p95 », « 4 120 enr./s »). */
  figure: string;
  /** The target in words (« < 15 ms p95 »). */
  target: string;
  /** Whether the figure meets the target; null where the line is a baseline or a context. */
  met: boolean | null;
}

const lines: TargetLine[] = [];

export function reportTarget(line: TargetLine): void {
  lines.push(line);
}

/** `< limit` on a measured value, worded and judged in one place. */
export function below(
  section: string,
  what: string,
  size: number | null,
  value: number,
  limit: number,
  unit: string,
): void {
  const digits = value >= 100 ? 0 : 1;
  reportTarget({
    section,
    what,
    size,
    figure: `${value.toFixed(digits)} ${unit}`,
    target: `< ${limit} ${unit}`,
    met: value < limit,
  });
}

export function reportedTargets(): readonly TargetLine[] {
  return lines;
}

export function printTargets(title = 'Cibles du ticket 18, chiffres de cette exécution'): void {
  if (lines.length === 0) return;
  const int = (value: number) => value.toLocaleString('fr-FR');
  console.log(`\n## ${title}\n`);
  console.log('| § | mesure | dossiers | chiffre | cible | atteinte |');
  console.log('|---|---|---:|---:|---:|---|');
  for (const line of lines) {
    const met = line.met === null ? '—' : line.met ? 'oui' : '**non**';
    console.log(
      `| ${line.section} | ${line.what} | ${line.size === null ? '—' : int(line.size)} | ${line.figure} | ${line.target} | ${met} |`,
    );
  }
  const judged = lines.filter((line) => line.met !== null);
  console.log(
    `\n${judged.filter((line) => line.met).length} cibles atteintes sur ${judged.length}.`,
  );
}
