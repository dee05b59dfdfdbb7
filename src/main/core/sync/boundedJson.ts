import { createHash } from 'node:crypto';

/**
 * JSON helpers for values that came from outside and may be hostile: a 50,000-deep array makes
 * `JSON.stringify` (and `String`) overflow the stack, and a huge item must not fill the cache.
 * Both walks here use an explicit stack and stop early, whatever the shape.
 */

const ELLIPSIS = '…';

interface Frame {
  /** Keys of an object being written, or null for an array. */
  keys: string[] | null;
  container: Record<string, unknown> | unknown[];
  next: number;
}

function isContainer(value: unknown): value is Record<string, unknown> | unknown[] {
  return value !== null && typeof value === 'object';
}

function scalarText(value: unknown): string {
  if (typeof value === 'string') return JSON.stringify(value);
  if (typeof value === 'number') return Number.isFinite(value) ? String(value) : 'null';
  if (typeof value === 'boolean') return value ? 'true' : 'false';
  return 'null';
}

/**
 * Writes `value` as JSON text, piece by piece, through `write` (which returns false to stop),
 * with an explicit stack; containers deeper than `maxDepth` are written as "…".
 */
function writeJson(value: unknown, write: (text: string) => boolean, maxDepth: number): void {
  const stack: Frame[] = [];
  const open = (container: Record<string, unknown> | unknown[]): boolean => {
    if (stack.length >= maxDepth) return write(JSON.stringify(ELLIPSIS));
    const keys = Array.isArray(container) ? null : Object.keys(container);
    stack.push({ keys, container, next: 0 });
    return write(keys ? '{' : '[');
  };
  if (!(isContainer(value) ? open(value) : write(scalarText(value)))) return;
  while (stack.length > 0) {
    const frame = stack[stack.length - 1] as Frame;
    const size = frame.keys ? frame.keys.length : (frame.container as unknown[]).length;
    if (frame.next >= size) {
      stack.pop();
      if (!write(frame.keys ? '}' : ']')) return;
      continue;
    }
    const index = frame.next++;
    let child: unknown;
    let prefix = index > 0 ? ',' : '';
    if (frame.keys) {
      const key = frame.keys[index] as string;
      prefix += `${JSON.stringify(key)}:`;
      child = (frame.container as Record<string, unknown>)[key];
    } else {
      child = (frame.container as unknown[])[index];
    }
    if (!write(prefix)) return;
    if (!(isContainer(child) ? open(child) : write(scalarText(child)))) return;
  }
}

/**
 * JSON text of `value` cut at `maxChars` (then ending with « … ») with everything nested deeper
 * than `maxDepth` written as "…". Keeps what a person needs to recognise a refused record.
 */
export function boundedJson(value: unknown, maxChars: number, maxDepth: number): string {
  const out: string[] = [];
  let length = 0;
  writeJson(
    value,
    (text) => {
      if (length + text.length > maxChars) {
        out.push(text.slice(0, Math.max(0, maxChars - length)), ELLIPSIS);
        length = maxChars + 1;
        return false;
      }
      out.push(text);
      length += text.length;
      return true;
    },
    maxDepth,
  );
  return out.join('');
}

/**
 * SHA-256 of the whole JSON text of `value`, however deep or large (it is already in memory):
 * two items that differ only beyond what `boundedJson` keeps still get two digests.
 */
export function jsonDigest(value: unknown): string {
  const hash = createHash('sha256');
  writeJson(
    value,
    (text) => {
      hash.update(text);
      return true;
    },
    Number.POSITIVE_INFINITY,
  );
  return hash.digest('hex');
}

/**
 * True when `value` nests deeper than `maxDepth`, holds more than `maxNodes` values or more than
 * `maxText` characters of strings and keys; stops as soon as it knows, so a hostile item costs at
 * most `maxNodes` steps.
 */
export function exceedsShape(
  value: unknown,
  maxDepth: number,
  maxNodes: number,
  maxText: number,
): boolean {
  const stack: [unknown, number][] = [[value, 0]];
  let nodes = 0;
  let text = 0;
  while (stack.length > 0) {
    const [current, depth] = stack.pop() as [unknown, number];
    if (++nodes > maxNodes) return true;
    if (typeof current === 'string') {
      text += current.length;
      if (text > maxText) return true;
      continue;
    }
    if (!isContainer(current)) continue;
    if (depth >= maxDepth) return true;
    if (Array.isArray(current)) {
      if (nodes + current.length > maxNodes) return true;
      for (const child of current) stack.push([child, depth + 1]);
    } else {
      const keys = Object.keys(current);
      if (nodes + keys.length > maxNodes) return true;
      for (const key of keys) {
        text += key.length;
        stack.push([current[key], depth + 1]);
      }
      if (text > maxText) return true;
    }
  }
  return false;
}
