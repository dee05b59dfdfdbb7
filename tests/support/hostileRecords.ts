import { createHash } from 'node:crypto';
import type { ProcedureDefinition } from '../../src/shared/catalog/procedureSchema';
import type { PortalApplication } from '../../src/shared/portal/portalApplication';
import { generateApplication } from '../../src/simulator/generateApplication';
import { createRandom } from '../../src/simulator/random';

/**
 * A seeded generator of hostile change-feed items for the portal fuzz test (issue 13). From
 * valid records (generateApplication) it derives mutations, each labelled with what it does and
 * classified: `good` items must arrive in the cache, `bad` ones must be quarantined. Items are
 * the exact text (or bytes, for invalid UTF-8) that `POST /__sim/raw-items` splices into the
 * feed, so they can be anything: 50,000-deep arrays, lone surrogates, `../../` ids.
 *
 * Every derived record gets a fresh id (`fz-<tag>-<n>`), reference (`…-9nnnnn`) and document ids,
 * so each item is told apart in `applications` and `quarantine`; only `duplicates` repeat one.
 */

export const CATEGORIES = [
  /** A valid record, unchanged: the control group. */
  'plain',
  /** A value of the wrong JSON type at one field path (containers included). */
  'wrong-type',
  /** A field removed; the optional ones (gender, birthDate, idNumber, appliedEvents) stay good. */
  'missing',
  /** Fields the schema does not know, at any level: a portal may add them; they must be accepted. */
  'extra-fields',
  /** Strings over their bound (up to 200,000 characters); exactly at the bound is good. */
  'huge',
  /** Arrays and objects 10 to 50,000 deep, in a field, in an unknown field or as the whole item. */
  'nesting',
  /** Invalid UTF-8 bytes and lone UTF-16 surrogates; valid astral and Ewe letters stay good. */
  'encoding',
  /** C0 control characters (NUL first) and DEL in names, addresses, file names, form text. */
  'control',
  /** Impossible dates: year 9999, a birth in 2090, 30 February, month 13, no offset, year 0. */
  'dates',
  /** Record ids with path traversal, Windows paths, URL-encoding, capitals, spaces, NUL. */
  'ids',
  /** The same hostile ids as `documents[].id`, served for real by the simulator. */
  'document-ids',
  /** Absurd sizes and versions: negative, 0, 2^53, strings, 1e308; the extreme valid ones are good. */
  'sizes',
  /** Too many documents (51) or appliedEvents (21); exactly the maximum is good. */
  'arrays',
  /** Well-typed but wrong values: unknown procedure or region, status, MIME type, phone, e-mail. */
  'values',
  /** Items that are not records: numbers, null, strings, booleans, arrays, a JSON-encoded record. */
  'non-objects',
  /** An earlier item again, byte for byte (the verdict is the original's). */
  'duplicates',
  /** A fresh id carrying the reference of a case already delivered. */
  'reference-collision',
  /** A valid record whose document the portal serves badly (resets, oversize body). */
  'downloads',
] as const;
export type Category = (typeof CATEGORIES)[number];

const WEIGHTS: Record<Category, number> = {
  plain: 10,
  'wrong-type': 14,
  missing: 8,
  'extra-fields': 8,
  huge: 5,
  nesting: 5,
  encoding: 8,
  control: 5,
  dates: 6,
  ids: 5,
  'document-ids': 3,
  sizes: 5,
  arrays: 1,
  values: 4,
  'non-objects': 5,
  duplicates: 5,
  'reference-collision': 1,
  downloads: 1,
};

export type Verdict = 'good' | 'bad';

/** A document to register on the simulator (`POST /__sim/documents`) before the item is pushed. */
export interface HostileDocumentSpec {
  id: string;
  base64: string;
  mimeType: string;
  behaviour: 'normal' | 'reset' | 'reset-midway' | 'oversize';
  oversizeBytes?: number;
}

export interface HostileItem {
  /** Position of the input in the run (a duplicate has its own). */
  n: number;
  category: Category;
  /** What the mutation does, e.g. `wrong-type applicant.phone ← 42`. */
  label: string;
  verdict: Verdict;
  /** Exactly what is spliced into the feed: JSON text, or bytes (invalid UTF-8). */
  raw: string | Buffer;
  /** For an object with a non-empty string `id`: that id as sent; else null. */
  claimedId: string | null;
  /** For a good item: the reference it must arrive with. */
  reference: string | null;
  /** Documents the simulator must serve for this item. */
  documents: HostileDocumentSpec[];
  /** For a duplicate: the `n` of the item it repeats. */
  duplicateOf?: number;
  /** The `n` of an earlier item this one needs to misbehave (a reference collision's original). */
  requires?: number;
}

export interface HostileRecordsOptions {
  seed: number;
  procedures: readonly ProcedureDefinition[];
  /** Only these categories (all by default); `plain` is always kept as the control group. */
  categories?: readonly Category[];
  /** The moment the base records are generated for (fixed by default: inputs depend on the seed only). */
  now?: Date;
}

/** `documents[].id` values that try to leave `<dataDir>/documents/<application>/`. */
export const TRAVERSAL_DOCUMENT_IDS = [
  '../../{n}',
  '../../../sentinel.txt',
  '..\\..\\{n}',
  '/etc/passwd',
  'C:\\Windows\\System32\\drivers\\etc\\hosts',
  '%2e%2e%2f%2e%2e%2f{n}',
  '..%2F..%2F{n}',
  '....//....//{n}',
  '..',
  '.',
  'sous/dossier/{n}',
  '\\\\serveur\\partage\\{n}',
  'file:///etc/passwd',
  '{n}\u0000.pdf',
] as const;

/** Record ids with the same intent ({n} keeps each one unique, so each has its own quarantine row). */
const HOSTILE_RECORD_IDS = [
  '../../{n}',
  '../../../{n}',
  '..\\..\\{n}',
  '/etc/passwd-{n}',
  'C:\\Windows\\System32\\{n}',
  '%2e%2e%2f%2e%2e%2f{n}',
  '..%2F..%2F{n}',
  '{n}/../../x',
  'APP-MAJUSCULES-{n}',
  'app {n} espace',
  'app-é-{n}',
  '{n}\u0000suite',
] as const;

/** Bytes that are not UTF-8 (each decodes to U+FFFD). */
const INVALID_UTF8: readonly (readonly [string, number[]])[] = [
  ['0xFF', [0xff]],
  ['0xC3 0x28', [0xc3, 0x28]],
  ['overlong NUL 0xC0 0x80', [0xc0, 0x80]],
  ['CESU surrogate 0xED 0xA0 0x80', [0xed, 0xa0, 0x80]],
  ['5-byte 0xF8…', [0xf8, 0x88, 0x80, 0x80, 0x80]],
  ['truncated 0xE2 0x82', [0xe2, 0x82]],
  ['above U+10FFFF 0xF4 0x90…', [0xf4, 0x90, 0x80, 0x80]],
  ['lone continuation 0x80', [0x80]],
];

const LONE_SURROGATES: readonly (readonly [string, string])[] = [
  ['lone high surrogate \\ud800', '\ud800'],
  ['lone low surrogate \\udfff', '\udfff'],
  ['reversed pair \\udc00\\ud800', '\udc00\ud800'],
];

const CONTROLS: readonly (readonly [string, string])[] = [
  ['NUL', '\u0000'],
  ['NUL', '\u0000'],
  ['SOH', '\u0001'],
  ['BEL', '\u0007'],
  ['BS', '\u0008'],
  ['VT', '\u000b'],
  ['ESC', '\u001b'],
  ['DEL', '\u007f'],
];

const VALID_UNICODE = [' 🙂', ' Ɖéwé', ' ŋɔ', ' Kɔfi', ' e\u0301', ' 𝔄', ' Ẹ̀'];

type Kind =
  'string' | 'int' | 'formValue' | 'object' | 'nullableObject' | 'array' | 'record' | 'optional';

/** Values that are of the wrong JSON type for each kind of field (never accidentally valid). */
const WRONG_TYPES: Record<Exclude<Kind, 'optional'>, readonly unknown[]> = {
  string: [42, 0, -1, 1.5, true, false, null, {}, [], ['texte'], { fr: 'texte' }],
  int: ['1', '', true, false, null, {}, [], [1], 1.5, { valeur: 1 }],
  formValue: [{}, [], { a: 1 }, ['x'], [null]],
  object: [null, 'texte', 42, [], true, [{}]],
  nullableObject: ['texte', 42, [], true, [null], 0],
  array: [{}, 'texte', 42, null, true, { 0: {} }],
  record: [[], 'texte', 42, null, true, [['a', 1]]],
};

type Path = readonly (string | number)[];
type Json = Record<string, unknown>;

interface FieldPath {
  path: Path;
  /** The JSON type the schema wants. */
  kind: Exclude<Kind, 'optional'>;
  /** Absent is fine. */
  optional: boolean;
  /** For strings with a length bound: the bound. */
  max?: number;
}

const APPLICANT_FIELDS: Record<string, { max?: number; optional?: boolean }> = {
  firstName: { max: 100 },
  lastName: { max: 100 },
  gender: { optional: true },
  birthDate: { optional: true },
  idNumber: { max: 40, optional: true },
  phone: {},
  email: { max: 200 },
  region: { max: 60 },
  city: { max: 60 },
  address: { max: 300 },
};
const COMPANY_FIELDS: Record<string, { max?: number }> = {
  name: { max: 200 },
  legalForm: { max: 60 },
  nif: {},
  rccm: {},
};
const DOCUMENT_FIELDS: Record<string, { max?: number; kind?: 'int' }> = {
  id: { max: 64 },
  code: { max: 40 },
  fileName: { max: 200 },
  mimeType: {},
  size: { kind: 'int' },
  sha256: {},
};

/** Every field path of a record with what the schema expects there. */
function fieldPaths(record: Json): FieldPath[] {
  const paths: FieldPath[] = [
    { path: ['id'], kind: 'string', optional: false, max: 64 },
    { path: ['reference'], kind: 'string', optional: false },
    { path: ['procedureCode'], kind: 'string', optional: false },
    { path: ['status'], kind: 'string', optional: false },
    { path: ['version'], kind: 'int', optional: false },
    { path: ['submittedAt'], kind: 'string', optional: false },
    { path: ['updatedAt'], kind: 'string', optional: false },
    { path: ['applicant'], kind: 'object', optional: false },
    { path: ['company'], kind: 'nullableObject', optional: false },
    { path: ['form'], kind: 'record', optional: false },
    { path: ['documents'], kind: 'array', optional: false },
  ];
  for (const [field, spec] of Object.entries(APPLICANT_FIELDS)) {
    paths.push({
      path: ['applicant', field],
      kind: 'string',
      optional: spec.optional ?? false,
      ...(spec.max ? { max: spec.max } : {}),
    });
  }
  if (record.company) {
    for (const [field, spec] of Object.entries(COMPANY_FIELDS)) {
      paths.push({
        path: ['company', field],
        kind: 'string',
        optional: false,
        ...(spec.max ? { max: spec.max } : {}),
      });
    }
  }
  for (const key of Object.keys(record.form as Json)) {
    paths.push({ path: ['form', key], kind: 'formValue', optional: true, max: 5000 });
  }
  (record.documents as Json[]).forEach((_document, index) => {
    paths.push({ path: ['documents', index], kind: 'object', optional: false });
    for (const [field, spec] of Object.entries(DOCUMENT_FIELDS)) {
      paths.push({
        path: ['documents', index, field],
        kind: spec.kind ?? 'string',
        optional: false,
        ...(spec.max ? { max: spec.max } : {}),
      });
    }
  });
  const events = record.appliedEvents as Json[] | undefined;
  if (events) {
    paths.push({ path: ['appliedEvents'], kind: 'array', optional: true });
    events.forEach((_event, index) => {
      paths.push({ path: ['appliedEvents', index], kind: 'object', optional: false });
      paths.push({
        path: ['appliedEvents', index, 'idempotencyKey'],
        kind: 'string',
        optional: false,
      });
      paths.push({ path: ['appliedEvents', index, 'version'], kind: 'int', optional: false });
    });
  }
  return paths;
}

const pathText = (path: Path) =>
  path
    .map((part, i) => (typeof part === 'number' ? `[${part}]` : i > 0 ? `.${part}` : part))
    .join('');

function parentOf(record: Json, path: Path): Json | unknown[] {
  let node: unknown = record;
  for (const part of path.slice(0, -1)) node = (node as Json)[part as string];
  return node as Json | unknown[];
}

function setAt(record: Json, path: Path, value: unknown): void {
  const parent = parentOf(record, path) as Json;
  // defineProperty, so that `__proto__` is an own key like any other (as JSON.parse makes it).
  Object.defineProperty(parent, path[path.length - 1] as string, {
    value,
    enumerable: true,
    writable: true,
    configurable: true,
  });
}

function getAt(record: Json, path: Path): unknown {
  return (parentOf(record, path) as Json)[path[path.length - 1] as string];
}

function deleteAt(record: Json, path: Path): void {
  const parent = parentOf(record, path);
  if (Array.isArray(parent)) parent.splice(path[path.length - 1] as number, 1);
  else delete parent[path[path.length - 1] as string];
}

const fill = (template: string, n: string) => template.replaceAll('{n}', n);

/** Text nested `depth` levels: arrays, objects, or both in turn. */
export function nestedText(depth: number, shape: 'array' | 'object' | 'mixed'): string {
  if (shape === 'array') return '['.repeat(depth) + ']'.repeat(depth);
  if (shape === 'object') return '{"a":'.repeat(depth) + '1' + '}'.repeat(depth);
  const half = Math.floor(depth / 2);
  return '[{"a":'.repeat(half) + '0' + '}]'.repeat(half);
}

const PLACEHOLDER = '__FUZZ_PLACEHOLDER__';
const bytesOf = (raw: string | Buffer) =>
  typeof raw === 'string' ? Buffer.from(raw, 'utf8') : raw;

/** Stable identity of an item's exact bytes. */
export function rawHash(raw: string | Buffer): string {
  return createHash('sha256').update(bytesOf(raw)).digest('hex');
}

export function documentBytes(id: string): Buffer {
  return Buffer.from(`%PDF-1.4\n% pièce de test du fuzz : ${JSON.stringify(id)}\n%%EOF\n`, 'utf8');
}

/** The `id` a reader of the feed finds in the item (decoded like `Response.text()` does). */
export function claimedIdOf(raw: string | Buffer): string | null {
  try {
    const value: unknown = JSON.parse(
      typeof raw === 'string' ? raw : new TextDecoder().decode(raw),
    );
    if (!value || typeof value !== 'object' || Array.isArray(value)) return null;
    const id = (value as Json).id;
    return typeof id === 'string' && id !== '' ? id : null;
  } catch {
    return null;
  }
}

export interface HostileRecords {
  next(): HostileItem;
  batch(count: number): HostileItem[];
  /** Items generated so far. */
  readonly count: number;
}

export function createHostileRecords(options: HostileRecordsOptions): HostileRecords {
  const rng = createRandom(`portal-fuzz-${options.seed}`);
  const baseRng = createRandom(`portal-fuzz-base-${options.seed}`);
  const now = options.now ?? new Date(Date.UTC(2025, 10, 20, 9, 30));
  const tag = (options.seed >>> 0).toString(36).slice(-6).padStart(4, '0');
  const allowed = new Set<Category>(options.categories ?? CATEGORIES);
  allowed.add('plain');
  const weights = CATEGORIES.filter((category) => allowed.has(category)).map(
    (category) => [category, WEIGHTS[category]] as const,
  );

  const bases: Json[] = Array.from({ length: 48 }, (_, index) => {
    const record = generateApplication(baseRng, {
      sequence: index + 1,
      procedures: options.procedures,
      now,
    }) as PortalApplication & Json;
    if (index % 4 === 1) {
      // Some records carry appliedEvents, so their paths get fuzzed too.
      record.version = 3;
      record.appliedEvents = [
        { idempotencyKey: `fz-evt-${tag}-${index}-a`, version: 2 },
        { idempotencyKey: `fz-evt-${tag}-${index}-b`, version: 3 },
      ];
    }
    return record;
  });

  let counter = 0;
  const history: HostileItem[] = [];
  const delivered: HostileItem[] = [];

  /** A valid record with a fresh id, reference and document ids. */
  function fresh(n: number): Json {
    const record = structuredClone(rng.pick(bases));
    const serial = String(n).padStart(6, '0');
    record.id = `fz-${tag}-${serial}`;
    const year = String(record.submittedAt).slice(0, 4);
    record.reference = `${String(record.procedureCode)}-${year}-${String(900_000 + n)}`;
    (record.documents as Json[]).forEach((document, index) => {
      document.id = `doc-fz-${tag}-${serial}-${index + 1}`;
    });
    return record;
  }

  function make(
    n: number,
    category: Category,
    label: string,
    verdict: Verdict,
    raw: string | Buffer,
    record: Json | null,
    documents: HostileDocumentSpec[] = [],
  ): HostileItem {
    return {
      n,
      category,
      label,
      verdict,
      raw,
      claimedId: claimedIdOf(raw),
      reference: verdict === 'good' && record ? String(record.reference) : null,
      documents,
    };
  }

  const text = (record: Json) => JSON.stringify(record);

  /** The record's JSON with `placeholderPath` replaced by `inner` text, verbatim. */
  function spliced(record: Json, path: Path, inner: string | Buffer): string | Buffer {
    setAt(record, path, PLACEHOLDER);
    const [before, after] = text(record).split(`"${PLACEHOLDER}"`) as [string, string];
    if (typeof inner === 'string') return `${before}${inner}${after}`;
    return Buffer.concat([Buffer.from(before), inner, Buffer.from(after)]);
  }

  function stringPaths(record: Json, withForm = true): FieldPath[] {
    return fieldPaths(record).filter(
      (field) =>
        field.kind === 'string' ||
        (withForm && field.kind === 'formValue' && typeof getAt(record, field.path) === 'string'),
    );
  }

  /** Free-text fields where a person's name or words go. */
  const TEXT_PATHS: Path[] = [
    ['applicant', 'firstName'],
    ['applicant', 'lastName'],
    ['applicant', 'address'],
    ['applicant', 'city'],
    ['company', 'name'],
    ['documents', 0, 'fileName'],
  ];
  const textPaths = (record: Json) =>
    TEXT_PATHS.filter((path) => {
      if (path[0] === 'company') return record.company !== null;
      if (path[0] === 'documents') return (record.documents as Json[]).length > 0;
      return true;
    });

  /** A text with `inner` in it; an id keeps its unique part, so each item keeps its own id. */
  const tainted = (record: Json, path: Path, inner: string) =>
    path.length === 1 && path[0] === 'id' ? `${String(record.id)}-${inner}` : `Kof${inner}i`;

  const generators: Record<Exclude<Category, 'duplicates'>, (n: number) => HostileItem> = {
    plain(n) {
      const record = fresh(n);
      return make(n, 'plain', 'valid record', 'good', text(record), record);
    },

    'wrong-type'(n) {
      const record = fresh(n);
      const field = rng.pick(fieldPaths(record));
      const value = rng.pick(WRONG_TYPES[field.kind]);
      setAt(record, field.path, structuredClone(value));
      const label = `wrong-type ${pathText(field.path)} ← ${JSON.stringify(value)}`;
      return make(n, 'wrong-type', label, 'bad', text(record), record);
    },

    missing(n) {
      const record = fresh(n);
      const field = rng.pick(
        fieldPaths(record).filter(
          // Removing documents[i] leaves a valid, shorter list: not a missing field.
          (candidate) =>
            candidate.kind !== 'formValue' && typeof candidate.path.at(-1) !== 'number',
        ),
      );
      deleteAt(record, field.path);
      const verdict = field.optional ? 'good' : 'bad';
      return make(n, 'missing', `missing ${pathText(field.path)}`, verdict, text(record), record);
    },

    'extra-fields'(n) {
      const record = fresh(n);
      const targets: Path[] = [[], [], [], ['applicant']];
      if (record.company) targets.push(['company']);
      if ((record.documents as Json[]).length > 0) targets.push(['documents', 0]);
      if (record.appliedEvents) targets.push(['appliedEvents', 0]);
      const target = rng.pick(targets);
      const names = [
        'channel',
        'canal',
        'metadata',
        'x-portal-trace',
        'priorité',
        '🙂',
        'toString',
      ];
      if (target.length === 0) names.push('__proto__', 'constructor', 'hasOwnProperty', 'valueOf');
      const name = rng.pick(names);
      const values: unknown[] = [
        'web',
        'guichet',
        3,
        0,
        -1.5,
        true,
        false,
        null,
        {},
        [],
        { niveau: 1, origine: 'mobile' },
        [1, 'deux', { trois: 3 }],
        { a: { b: { c: { d: 'profond de 5' } } } },
        'Ɖéwé ŋɔ 🙂',
        { polluted: 'oui' },
        { prototype: { polluted: 'oui' } },
      ];
      const value = rng.pick(values);
      const count = rng.chance(0.2) ? rng.int(2, 6) : 1;
      const added: string[] = [];
      for (let i = 0; i < count; i++) {
        const key = i === 0 ? name : `${name}${i}`;
        setAt(record, [...target, key], structuredClone(value));
        added.push(key);
      }
      const where = target.length === 0 ? '' : `${pathText(target)}.`;
      const label = `extra field ${where}${added.join(',')} = ${JSON.stringify(value)}`;
      return make(n, 'extra-fields', label, 'good', text(record), record);
    },

    huge(n) {
      const record = fresh(n);
      const fields = stringPaths(record).filter((field) => field.max !== undefined);
      if (rng.chance(0.15)) {
        // A form key longer than 64.
        const key = `cle-${n}-${'k'.repeat(rng.pick([60, 1_000, 20_000]))}`;
        setAt(record, ['form', key], 'x');
        return make(n, 'huge', `huge form key (${key.length} chars)`, 'bad', text(record), record);
      }
      const field = rng.pick(fields);
      const max = field.max as number;
      // At the bound is valid only where the length is the sole rule (not ids, e-mail, region).
      const last = field.path.at(-1);
      const atBound = rng.chance(0.2) && !['id', 'email', 'region'].includes(String(last));
      const length = atBound
        ? max
        : rng.weighted(
            (
              [
                [max + 1, 4],
                [max * 2 + 7, 3],
                [10_000, 2],
                [100_000, 1],
                [200_000, 0.5],
              ] as const
            ).filter(([candidate]) => candidate > max),
          );
      const unit = rng.pick(['x', 'é', 'ab ', 'Ŋ']);
      const prefix = field.path[0] === 'id' ? String(record.id) : '';
      const value = (prefix + unit.repeat(Math.ceil(length / unit.length))).slice(0, length).trim();
      const padded = value.length < length ? value + 'x'.repeat(length - value.length) : value;
      setAt(record, field.path, padded);
      const label = `${atBound ? 'string at its bound' : 'huge string'} ${pathText(field.path)} (${length} chars, max ${max})`;
      return make(n, 'huge', label, atBound ? 'good' : 'bad', text(record), record);
    },

    nesting(n) {
      const record = fresh(n);
      const depth = Math.round(Math.exp(rng.next() * Math.log(50_000 / 10)) * 10);
      const shape = rng.pick(['array', 'object', 'mixed'] as const);
      const nested = nestedText(depth, shape);
      const placement = rng.weighted<'item' | 'field' | 'unknown'>([
        ['item', 2],
        ['field', 5],
        ['unknown', 2],
      ]);
      if (placement === 'item') {
        const label = `whole item nested ${depth} deep (${shape})`;
        return make(n, 'nesting', label, 'bad', nested, null);
      }
      if (placement === 'unknown') {
        // Deep enough that no sensible bound lets it through, whatever the schema does with extras.
        const deep = Math.max(depth, 1_000);
        const raw = spliced(record, ['extension'], nestedText(deep, shape));
        const label = `unknown field extension nested ${deep} deep (${shape})`;
        return make(n, 'nesting', label, 'bad', raw, record);
      }
      const paths: Path[] = [
        ['applicant'],
        ['company'],
        ['form'],
        ['documents'],
        ['applicant', 'firstName'],
        ['version'],
        ['submittedAt'],
      ];
      const formKeys = Object.keys(record.form as Json);
      if (formKeys.length > 0) paths.push(['form', rng.pick(formKeys)]);
      if ((record.documents as Json[]).length > 0) paths.push(['documents', 0]);
      const path = rng.pick(paths);
      const raw = spliced(record, path, nested);
      return make(
        n,
        'nesting',
        `${pathText(path)} nested ${depth} deep (${shape})`,
        'bad',
        raw,
        record,
      );
    },

    encoding(n) {
      const record = fresh(n);
      if (rng.chance(0.2)) {
        const path = rng.pick(textPaths(record));
        const extra = rng.pick(VALID_UNICODE);
        const current = String(getAt(record, path));
        setAt(record, path, current.slice(0, 40) + extra);
        const label = `valid unicode ${JSON.stringify(extra)} in ${pathText(path)}`;
        return make(n, 'encoding', label, 'good', text(record), record);
      }
      // Where: a string value, a form key, or an unknown field.
      const where = rng.weighted<'value' | 'key' | 'unknown'>([
        ['value', 6],
        ['key', 1],
        ['unknown', 1],
      ]);
      let path: Path;
      if (where === 'value') path = rng.pick(stringPaths(record)).path;
      else if (where === 'unknown') path = ['remarque'];
      else path = ['form'];
      if (rng.chance(0.6)) {
        const [name, bytes] = rng.pick(INVALID_UTF8);
        const marker = Buffer.from(PLACEHOLDER);
        if (where === 'key') setAt(record, ['form', `cle${PLACEHOLDER}`], 'x');
        else setAt(record, path, tainted(record, path, PLACEHOLDER));
        const json = Buffer.from(text(record));
        const at = json.indexOf(marker);
        const raw = Buffer.concat([
          json.subarray(0, at),
          Buffer.from(bytes),
          json.subarray(at + marker.length),
        ]);
        const label = `invalid UTF-8 (${name}) in ${where === 'key' ? 'a form key' : pathText(path)}`;
        return make(n, 'encoding', label, 'bad', raw, record);
      }
      const [name, surrogate] = rng.pick(LONE_SURROGATES);
      if (where === 'key') setAt(record, ['form', `cle${surrogate}`], 'x');
      else setAt(record, path, tainted(record, path, surrogate));
      const label = `${name} in ${where === 'key' ? 'a form key' : pathText(path)}`;
      // JSON.stringify writes a lone surrogate as its \u escape: the text stays valid UTF-8.
      return make(n, 'encoding', label, 'bad', text(record), record);
    },

    control(n) {
      const record = fresh(n);
      const [name, character] = rng.pick(CONTROLS);
      const paths = textPaths(record);
      const formText = Object.entries(record.form as Json).filter(([, v]) => typeof v === 'string');
      if (formText.length > 0) paths.push(['form', rng.pick(formText)[0]]);
      const path = rng.pick(paths);
      const current = String(getAt(record, path));
      const alone = rng.chance(0.15) && path[0] !== 'form';
      // Strictly inside: at either end, VT and FF are white space that trimming rightly removes.
      const at = rng.int(1, Math.max(1, current.length - 1));
      setAt(record, path, alone ? character : current.slice(0, at) + character + current.slice(at));
      const label = `control ${name} ${alone ? 'as the whole of' : 'inside'} ${pathText(path)}`;
      return make(n, 'control', label, 'bad', text(record), record);
    },

    dates(n) {
      const record = fresh(n);
      const cases: (readonly [Path, string])[] = [
        [['submittedAt'], '9999-12-31T23:59:59.000Z'],
        [['updatedAt'], '9999-12-31T23:59:59.000Z'],
        [['applicant', 'birthDate'], '2090-01-01'],
        [['submittedAt'], '2025-02-30T10:00:00.000Z'],
        [['updatedAt'], '2025-02-30T10:00:00Z'],
        [['applicant', 'birthDate'], '2025-02-30'],
        [['applicant', 'birthDate'], '2023-02-29'],
        [['submittedAt'], '2025-13-01T10:00:00.000Z'],
        [['submittedAt'], '2025-11-20T25:00:00.000Z'],
        [['submittedAt'], '2025-11-20T10:00:00'],
        [['submittedAt'], '0000-01-01T00:00:00.000Z'],
        [['applicant', 'birthDate'], '0000-01-01'],
        [['submittedAt'], ''],
        [['applicant', 'birthDate'], '20-11-1984'],
      ];
      const [path, value] = rng.pick(cases);
      setAt(record, path, value);
      return make(n, 'dates', `date ${pathText(path)} = ${value}`, 'bad', text(record), record);
    },

    ids(n) {
      const record = fresh(n);
      const unique = `fz-${tag}-${String(n).padStart(6, '0')}`;
      const template = rng.pick(HOSTILE_RECORD_IDS);
      const id = template.includes('{n}') ? fill(template, unique) : `${template}${unique}`;
      if (rng.chance(0.15)) {
        const code = rng.pick(['../../ZZZ-NOPE', 'COM-IMPEX/../../x', 'COM-impex']);
        record.procedureCode = code;
        return make(n, 'ids', `procedureCode ${JSON.stringify(code)}`, 'bad', text(record), record);
      }
      record.id = id;
      return make(n, 'ids', `id ${JSON.stringify(id)}`, 'bad', text(record), record);
    },

    'document-ids'(n) {
      const record = fresh(n);
      const serial = `fz-${tag}-${String(n).padStart(6, '0')}`;
      const id = fill(rng.pick(TRAVERSAL_DOCUMENT_IDS), serial);
      const bytes = documentBytes(id);
      const document = {
        id,
        code: 'PIECE_IDENTITE',
        fileName: 'piece.pdf',
        mimeType: 'application/pdf',
        size: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
      };
      const documents = record.documents as Json[];
      if (documents.length > 0 && rng.chance(0.5)) documents[0] = document;
      else documents.push(document);
      const spec: HostileDocumentSpec = {
        id,
        base64: bytes.toString('base64'),
        mimeType: 'application/pdf',
        behaviour: 'normal',
      };
      const label = `document id ${JSON.stringify(id)}`;
      return make(n, 'document-ids', label, 'bad', text(record), record, [spec]);
    },

    sizes(n) {
      const record = fresh(n);
      const documents = record.documents as Json[];
      const good = rng.chance(0.2);
      if (documents.length > 0 && rng.chance(0.7)) {
        const value = good
          ? 50 * 1024 * 1024
          : rng.pick([
              -1,
              0,
              2 ** 53,
              2 ** 53 + 2,
              '2386',
              1.5,
              1e308,
              50 * 1024 * 1024 + 1,
              -(2 ** 31),
            ]);
        documents[0]!.size = value;
        const label = `documents[0].size = ${JSON.stringify(value)}`;
        return make(n, 'sizes', label, good ? 'good' : 'bad', text(record), record);
      }
      const value = good
        ? Number.MAX_SAFE_INTEGER
        : rng.pick([0, -1, 2 ** 53, 1e308, 1.5, '1', -(2 ** 53)]);
      record.version = value;
      if (record.appliedEvents) delete record.appliedEvents;
      return make(
        n,
        'sizes',
        `version = ${JSON.stringify(value)}`,
        good ? 'good' : 'bad',
        text(record),
        record,
      );
    },

    arrays(n) {
      const record = fresh(n);
      const serial = String(n).padStart(6, '0');
      const atMax = rng.chance(0.4);
      if (rng.chance(0.5)) {
        const count = atMax ? 50 : 51;
        const template = (record.documents as Json[])[0] ?? {
          code: 'PIECE',
          fileName: 'piece.pdf',
          mimeType: 'application/pdf',
          size: 10,
          sha256: '0'.repeat(64),
        };
        record.documents = Array.from({ length: count }, (_, i) => ({
          ...template,
          id: `doc-fz-${tag}-${serial}-${i + 1}`,
        }));
        return make(
          n,
          'arrays',
          `${count} documents`,
          atMax ? 'good' : 'bad',
          text(record),
          record,
        );
      }
      const count = atMax ? 20 : 21;
      record.version = count + 1;
      record.appliedEvents = Array.from({ length: count }, (_, i) => ({
        idempotencyKey: `fz-evt-${tag}-${serial}-${i}`,
        version: i + 2,
      }));
      return make(
        n,
        'arrays',
        `${count} appliedEvents`,
        atMax ? 'good' : 'bad',
        text(record),
        record,
      );
    },

    values(n) {
      const record = fresh(n);
      const cases: (readonly [Path, unknown])[] = [
        [['procedureCode'], 'ZZZ-NOPE'],
        [['applicant', 'region'], 'Atlantide'],
        [['status'], 'supprimé'],
        [['status'], 'deleted'],
        [['applicant', 'phone'], '+33 6 12 34 56 78'],
        [['applicant', 'email'], 'pas-une-adresse'],
        [['applicant', 'gender'], 'X'],
        [['applicant', 'firstName'], '   '],
        [['applicant', 'lastName'], ''],
        [['reference'], 'REF-INVALIDE'],
      ];
      if (record.company) cases.push([['company', 'nif'], '12345']);
      if ((record.documents as Json[]).length > 0) {
        cases.push([['documents', 0, 'mimeType'], 'text/html']);
        cases.push([['documents', 0, 'mimeType'], 'application/x-msdownload']);
        cases.push([['documents', 0, 'sha256'], 'ABCDEF'.repeat(10) + 'ABCD']);
        cases.push([['documents', 0, 'sha256'], 'abc']);
      }
      const [path, value] = rng.pick(cases);
      setAt(record, path, value);
      return make(
        n,
        'values',
        `${pathText(path)} = ${JSON.stringify(value)}`,
        'bad',
        text(record),
        record,
      );
    },

    'non-objects'(n) {
      const record = fresh(n);
      const choices: (readonly [string, string])[] = [
        ['a number', String(42 + n)],
        ['a negative float', String(-n - 0.5)],
        ['zero', '0'],
        ['true', 'true'],
        ['false', 'false'],
        ['null', 'null'],
        ['a string', JSON.stringify(`demande ${n}`)],
        ['an empty string', '""'],
        ['an empty array', '[]'],
        ['an array of numbers', JSON.stringify([n, n + 1])],
        ['the record inside an array', JSON.stringify([record])],
        ['the record as a JSON string', JSON.stringify(JSON.stringify(record))],
        ['an empty object', '{}'],
      ];
      const [name, raw] = rng.pick(choices);
      return make(n, 'non-objects', `item is ${name}`, 'bad', raw, null);
    },

    'reference-collision'(n) {
      const record = fresh(n);
      const earlier = delivered.length > 0 ? rng.pick(delivered) : null;
      if (!earlier?.reference) return generators.plain(n);
      record.reference = earlier.reference;
      const label = `reference ${earlier.reference} of #${earlier.n} under a new id`;
      return {
        ...make(n, 'reference-collision', label, 'bad', text(record), record),
        requires: earlier.n,
      };
    },

    downloads(n) {
      const record = fresh(n);
      const behaviour = rng.pick(['reset', 'reset-midway', 'oversize'] as const);
      const id = `doc-fz-${tag}-${String(n).padStart(6, '0')}-h`;
      const bytes = documentBytes(id);
      record.documents = [
        {
          id,
          code: 'PIECE',
          fileName: 'piece.pdf',
          mimeType: 'application/pdf',
          size: bytes.length,
          sha256: createHash('sha256').update(bytes).digest('hex'),
        },
      ];
      const spec: HostileDocumentSpec = {
        id,
        base64: bytes.toString('base64'),
        mimeType: 'application/pdf',
        behaviour,
        ...(behaviour === 'oversize' ? { oversizeBytes: 2 * 1024 * 1024 } : {}),
      };
      return make(n, 'downloads', `document served ${behaviour}`, 'good', text(record), record, [
        spec,
      ]);
    },
  };

  function next(): HostileItem {
    const n = ++counter;
    if (n >= 100_000)
      throw new Error('hostileRecords: at most 99,999 inputs (references are 6 digits)');
    const category = rng.weighted(weights);
    let item: HostileItem;
    if (category === 'duplicates') {
      if (history.length === 0) item = generators.plain(n);
      else {
        const original = rng.pick(history.slice(-300));
        item = {
          ...original,
          n,
          category: 'duplicates',
          label: `duplicate of #${original.n} (${original.label})`,
          duplicateOf: original.duplicateOf ?? original.n,
          documents: [],
        };
      }
    } else {
      item = generators[category](n);
    }
    history.push(item);
    if (item.category === 'plain') delivered.push(item);
    return item;
  }

  return {
    next,
    batch: (count) => Array.from({ length: count }, next),
    get count() {
      return counter;
    },
  };
}

/** Short, printable form of an item for a failure message. */
export function preview(raw: string | Buffer, max = 160): string {
  const textual = typeof raw === 'string' ? raw : raw.toString('latin1');
  const shown =
    textual.length > max ? `${textual.slice(0, max)}… (${textual.length} chars)` : textual;
  return JSON.stringify(shown);
}
