import type { z } from 'zod';

/**
 * Why a portal record was refused, in one French phrase a person can act on. zod's own messages
 * are English and technical (« Invalid input: expected string, received undefined »); these read
 * « nom de famille du demandeur : champ manquant ».
 */

const FIELD_LABELS: Record<string, string> = {
  id: 'identifiant',
  reference: 'référence',
  procedureCode: 'code de procédure',
  status: 'statut',
  version: 'version',
  submittedAt: 'date de dépôt',
  updatedAt: 'date de mise à jour',
  applicant: 'demandeur',
  'applicant.firstName': 'prénom du demandeur',
  'applicant.lastName': 'nom de famille du demandeur',
  'applicant.gender': 'sexe du demandeur',
  'applicant.birthDate': 'date de naissance du demandeur',
  'applicant.idNumber': "numéro de pièce d'identité du demandeur",
  'applicant.phone': 'téléphone du demandeur',
  'applicant.email': 'adresse électronique du demandeur',
  'applicant.region': 'région du demandeur',
  'applicant.city': 'ville du demandeur',
  'applicant.address': 'adresse du demandeur',
  company: 'entreprise',
  'company.name': "raison sociale de l'entreprise",
  'company.legalForm': "forme juridique de l'entreprise",
  'company.nif': "NIF de l'entreprise",
  'company.rccm': "RCCM de l'entreprise",
  form: 'formulaire',
  documents: 'pièces jointes',
  appliedEvents: 'événements appliqués',
};

const DOCUMENT_FIELDS: Record<string, string> = {
  id: 'identifiant',
  code: 'code',
  fileName: 'nom de fichier',
  mimeType: 'type de fichier',
  size: 'taille',
  sha256: 'empreinte SHA-256',
};

/** A field path as a person reads it: « pièce jointe n° 2 (identifiant) », « formulaire, champ hsCode ». */
export function fieldLabel(path: readonly PropertyKey[]): string {
  if (path.length === 0) return 'enregistrement';
  const [head, second, third] = path;
  if (head === 'documents' && typeof second === 'number') {
    const field = typeof third === 'string' ? (DOCUMENT_FIELDS[third] ?? third) : null;
    return `pièce jointe n° ${second + 1}${field ? ` (${field})` : ''}`;
  }
  if (head === 'form' && second !== undefined) return `formulaire, champ « ${String(second)} »`;
  if (head === 'appliedEvents' && typeof second === 'number') {
    return `événement appliqué n° ${second + 1}`;
  }
  const key = path.map(String).join('.');
  return FIELD_LABELS[key] ?? `champ « ${key} »`;
}

const TYPE_NAMES: Record<string, string> = {
  string: 'un texte',
  number: 'un nombre',
  int: 'un nombre entier',
  boolean: 'vrai ou faux',
  object: 'un objet',
  array: 'une liste',
  null: 'la valeur nulle',
  undefined: 'rien',
  bigint: 'un grand entier',
  nan: 'NaN',
};

function received(input: unknown): string {
  if (input === null) return 'null';
  if (Array.isArray(input)) return 'array';
  if (typeof input === 'number' && Number.isNaN(input)) return 'nan';
  return typeof input;
}

const FORMATS: Record<string, string> = {
  datetime: 'date et heure ISO 8601 avec fuseau',
  date: 'date AAAA-MM-JJ',
  email: 'adresse électronique',
  regex: 'format attendu',
};

/** The French message of one zod issue, without its field (see `fieldLabel`). */
export function describeIssue(issue: z.core.$ZodRawIssue | z.core.$ZodIssue): string {
  switch (issue.code) {
    case 'invalid_type': {
      if (issue.input === undefined) return 'champ manquant';
      const expected = TYPE_NAMES[issue.expected] ?? issue.expected;
      const got = TYPE_NAMES[received(issue.input)] ?? received(issue.input);
      return `${expected} attendu, reçu ${got}`;
    }
    case 'too_big': {
      const max = String(issue.maximum);
      if (issue.origin === 'string') return `trop long (${max} caractères au plus)`;
      if (issue.origin === 'array') return `trop d'éléments (${max} au plus)`;
      return `valeur trop grande (${max} au plus)`;
    }
    case 'too_small': {
      const min = String(issue.minimum);
      if (issue.origin === 'string') return Number(min) <= 1 ? 'texte vide' : `trop court`;
      if (issue.origin === 'array') return `pas assez d'éléments (${min} au moins)`;
      return issue.inclusive
        ? `valeur trop petite (${min} au moins)`
        : `doit être supérieur à ${min}`;
    }
    case 'invalid_format':
      return FORMATS[issue.format] && issue.format !== 'regex'
        ? `format invalide (${FORMATS[issue.format]})`
        : 'format invalide';
    case 'invalid_value':
      return `valeur inattendue (attendu : ${issue.values.map(String).join(', ')})`;
    case 'invalid_union':
      return 'valeur inattendue (texte, nombre, vrai/faux ou nul attendu)';
    case 'not_multiple_of':
      return `doit être un multiple de ${String(issue.divisor)}`;
    case 'unrecognized_keys':
      return `champs inconnus : ${issue.keys.join(', ')}`;
    case 'invalid_key':
      return 'nom de champ invalide';
    case 'invalid_element':
      return 'élément invalide';
    case 'custom':
      return issue.message ?? 'valeur refusée';
    default:
      return 'format inattendu';
  }
}

/** What a regex-checked field should look like, for the refusals a person reads. */
const FORMAT_HINTS: Record<string, string> = {
  id: 'lettres minuscules, chiffres et tirets, 8 à 64',
  reference: 'ex. COM-IMPEX-2025-000123',
  procedureCode: 'ex. COM-IMPEX',
  'applicant.phone': 'ex. +228 90 12 34 56',
  'company.nif': '10 chiffres',
  'company.rccm': 'ex. TG-LFW-01-2019-B12-00345',
  'documents.id': 'lettres, chiffres, « - » et « _ », 64 au plus',
  'documents.sha256': '64 chiffres hexadécimaux',
  'appliedEvents.idempotencyKey': 'lettres, chiffres et tirets, 8 à 128',
};

/** « référence : format invalide (ex. COM-IMPEX-2025-000123) »: the whole reason for one issue. */
export function describeRecordIssue(issue: z.core.$ZodIssue): string {
  const label = fieldLabel(issue.path);
  if (issue.code === 'invalid_format' && issue.format === 'regex') {
    const key = issue.path
      .filter((part) => typeof part !== 'number')
      .map(String)
      .join('.');
    const hint = FORMAT_HINTS[key];
    return `${label} : format invalide${hint ? ` (${hint})` : ''}`;
  }
  return `${label} : ${issue.message || describeIssue(issue)}`;
}

/** The zod error map that gives French messages (pass as `{ error: frenchIssues }` to a parse). */
export const frenchIssues = (issue: z.core.$ZodRawIssue): string =>
  issue.code === 'custom' && typeof issue.message === 'string'
    ? issue.message
    : describeIssue(issue);
