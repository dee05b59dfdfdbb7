/**
 * The placeholders a text module may hold (« {{demandeur}} »), filled from the case when the
 * clerk inserts it. Pure: the comment box and the administrator's preview both call it.
 */

export const TEXT_MODULE_PLACEHOLDERS = [
  'civilite',
  'demandeur',
  'reference',
  'procedure',
  'date_depot',
  'agent',
  'bureau',
  'entreprise',
] as const;
export type PlaceholderName = (typeof TEXT_MODULE_PLACEHOLDERS)[number];

/** A value per placeholder; null or absent: the case has none (an artisan has no company). */
export type PlaceholderValues = Partial<Record<PlaceholderName, string | null>>;

export interface FilledText {
  text: string;
  /** Names no placeholder has (« {{demandeuse}} »): left as written, for the clerk to fix. */
  unknown: string[];
  /** Known placeholders this case has no value for: left as written too. */
  missing: PlaceholderName[];
}

/** `{{ name }}`, spaces inside the braces allowed; the name is anything but braces. */
const PLACEHOLDER = /\{\{\s*([^{}]*?)\s*\}\}/g;

const isKnown = (name: string): name is PlaceholderName =>
  (TEXT_MODULE_PLACEHOLDERS as readonly string[]).includes(name);

/**
 * `body` with each known placeholder replaced by the case's value. A placeholder that cannot be
 * filled is never dropped: it stays in the text as written and is reported, so the clerk sees
 * what to complete before sending.
 */
export function fillPlaceholders(body: string, values: PlaceholderValues): FilledText {
  const unknown = new Set<string>();
  const missing = new Set<PlaceholderName>();
  const text = body.replace(PLACEHOLDER, (written, raw: string) => {
    const name = raw.toLowerCase();
    if (!isKnown(name)) {
      unknown.add(raw);
      return written;
    }
    const value = values[name]?.trim();
    if (!value) {
      missing.add(name);
      return written;
    }
    return value;
  });
  return { text, unknown: [...unknown], missing: [...missing] };
}

/** The placeholders still written in a text (« {{reference}} » once inserted but not filled). */
export function placeholdersLeft(text: string): string[] {
  return [...new Set([...text.matchAll(PLACEHOLDER)].map((match) => match[0]))];
}

/** « 1er mars 2026 », « 12 mars 2026 »: a date as a French letter writes it (Lomé is on UTC). */
export function frenchLongDate(iso: string): string | null {
  const date = new Date(iso);
  if (Number.isNaN(date.getTime())) return null;
  const parts = new Intl.DateTimeFormat('fr-FR', {
    day: 'numeric',
    month: 'long',
    year: 'numeric',
    timeZone: 'Africa/Lome',
  }).formatToParts(date);
  const part = (type: string) => parts.find((entry) => entry.type === type)?.value ?? '';
  const day = part('day') === '1' ? '1er' : part('day');
  return `${day} ${part('month')} ${part('year')}`;
}

/** What a case and the desk say about each placeholder. */
export function placeholderValuesOf(source: {
  reference: string;
  applicantName: string;
  /** As the portal says it; absent: the salutation is « Madame, Monsieur ». */
  applicantGender?: 'F' | 'M' | undefined;
  companyName: string | null;
  submittedAt: string;
  procedureTitle: string;
  agentName: string | null;
  officeName: string | null;
}): PlaceholderValues {
  return {
    civilite: civilityOf(source.applicantGender),
    demandeur: source.applicantName,
    reference: source.reference,
    procedure: source.procedureTitle,
    date_depot: frenchLongDate(source.submittedAt),
    agent: source.agentName,
    bureau: source.officeName,
    entreprise: source.companyName,
  };
}

/** How a French letter addresses the applicant: « Madame, » alone, never « Madame Abla Djagba, ». */
export function civilityOf(gender: 'F' | 'M' | undefined): string {
  return gender === 'F' ? 'Madame' : gender === 'M' ? 'Monsieur' : 'Madame, Monsieur';
}
