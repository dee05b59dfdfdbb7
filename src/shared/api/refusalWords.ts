import type { CaseStatus } from '../domain/caseStatus';
import { leaseUntil, type LeaseKind } from '../domain/leaseLabel';

/**
 * Words a refusal's parameters name by a code, said in the reader's language. A parameter's name
 * says what its value is:
 * - `status`: a case status (`in_review`), said as its label;
 * - `verb`, `deVerb`: an action (`claim`), said as its verb (`deVerb`: with French « de / d’ »);
 * - `holder`: a person's name, or '' for « un autre agent »; with `holderUntil` (ISO),
 *   `holderNow` (the portal's clock, ISO) and `holderKind`, the end of their lease follows;
 * - a name ending in `Time`: an ISO instant, said as Lomé's hour;
 * - `x` with `x_en` beside it: a description only the core can write, in each language.
 */

export const REFUSAL_VERBS = [
  'claim',
  'release',
  'takeOver',
  'tickChecklist',
  'requestInfo',
  'approve',
  'reject',
  'issueCertificate',
  'signOffApprove',
  'signOffReturn',
  'withdrawProposal',
  'checkOut',
  'validateDecision',
] as const;
export type RefusalVerb = (typeof REFUSAL_VERBS)[number];

export interface RefusalWords {
  status: Record<CaseStatus, string>;
  verb: Record<RefusalVerb, string>;
  deVerb: Record<RefusalVerb, string>;
  /** The holder of a case whose name is unknown here. */
  anotherClerk: string;
}

/** « de prendre » but « d’approuver »: French elides « de » before a vowel or a mute h. */
export function deBefore(word: string): string {
  return /^[aeiouyhàâéèêëîïôöûü]/i.test(word) ? `d’${word}` : `de ${word}`;
}

const VERBS_FR: Record<RefusalVerb, string> = {
  claim: 'prendre en charge',
  release: 'libérer',
  takeOver: 'reprendre',
  tickChecklist: 'cocher la liste de contrôle',
  requestInfo: 'demander un complément',
  approve: 'approuver',
  reject: 'rejeter',
  issueCertificate: 'délivrer le certificat',
  signOffApprove: 'valider',
  signOffReturn: 'renvoyer en instruction',
  withdrawProposal: 'retirer la proposition',
  checkOut: 'emporter',
  validateDecision: 'valider la décision',
};

export const REFUSAL_WORDS_FR: RefusalWords = {
  status: {
    submitted: 'reçu',
    in_review: 'en instruction',
    info_requested: 'en attente du demandeur',
    pending_signoff: 'en attente de validation',
    approved: 'approuvé',
    issued: 'certificat délivré',
    rejected: 'rejeté',
    withdrawn: 'retiré',
  },
  verb: VERBS_FR,
  deVerb: Object.fromEntries(
    Object.entries(VERBS_FR).map(([verb, words]) => [verb, deBefore(words)]),
  ) as Record<RefusalVerb, string>,
  anotherClerk: 'un autre agent',
};

export type RefusalLanguage = 'fr' | 'en';

const TIME_FORMATS: Record<RefusalLanguage, Intl.DateTimeFormat> = {
  fr: new Intl.DateTimeFormat('fr-FR', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Africa/Lome',
  }),
  en: new Intl.DateTimeFormat('en-GB', {
    hour: '2-digit',
    minute: '2-digit',
    timeZone: 'Africa/Lome',
  }),
};

function lomeTime(iso: string, language: RefusalLanguage): string {
  const time = Date.parse(iso);
  return Number.isNaN(time) ? iso : TIME_FORMATS[language].format(time);
}

const HOLDER_DETAILS = ['holderUntil', 'holderNow', 'holderKind'];
const LEASE_KINDS: readonly string[] = ['claim', 'checkout'];

function holderLabel(
  params: Record<string, string | number>,
  words: RefusalWords,
  language: RefusalLanguage,
): string {
  const name = String(params.holder ?? '') || words.anotherClerk;
  const until = params.holderUntil;
  if (typeof until !== 'string' || !until) return name;
  const now = typeof params.holderNow === 'string' ? new Date(params.holderNow) : new Date(until);
  const kind = (
    LEASE_KINDS.includes(String(params.holderKind)) ? params.holderKind : 'claim'
  ) as LeaseKind;
  return `${name} ${leaseUntil(until, now, kind, language)}`;
}

/** The parameters as the sentence of `language` shows them (codes said as words, hours…). */
export function localizeRefusalParams(
  params: Record<string, string | number>,
  words: RefusalWords,
  language: RefusalLanguage,
): Record<string, string | number> {
  const said: Record<string, string | number> = {};
  for (const [name, value] of Object.entries(params)) {
    if (name.endsWith('_en') || HOLDER_DETAILS.includes(name)) continue;
    const local = language === 'en' ? (params[`${name}_en`] ?? value) : value;
    const code = String(local);
    if (name === 'status') said[name] = words.status[code as CaseStatus] ?? code;
    else if (name === 'verb') said[name] = words.verb[code as RefusalVerb] ?? code;
    else if (name === 'deVerb') said[name] = words.deVerb[code as RefusalVerb] ?? code;
    else if (name === 'holder') said[name] = holderLabel(params, words, language);
    else if (name.endsWith('Time')) said[name] = lomeTime(code, language);
    else said[name] = local;
  }
  return said;
}

/** `holder…` parameters for a refusal naming who holds a case (and until when, on the portal). */
export function holderParams(
  holder: {
    name: string | null;
    lease?: { expiresAt: string; portalNow: string; kind: LeaseKind } | null;
  } | null,
): { holder: string; holderUntil?: string; holderNow?: string; holderKind?: LeaseKind } {
  if (!holder) return { holder: '' };
  const lease = holder.lease
    ? {
        holderUntil: holder.lease.expiresAt,
        holderNow: holder.lease.portalNow,
        holderKind: holder.lease.kind,
      }
    : {};
  return { holder: holder.name ?? '', ...lease };
}
