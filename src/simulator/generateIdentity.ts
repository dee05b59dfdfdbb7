import type { PortalApplicant, PortalCompany } from '../shared/portal/portalApplication';
import type { Random } from './random';
import { referenceData, type Gender } from './referenceData';

/**
 * Realistic Togolese people and companies: gender-consistent given names, accented and compound
 * family names, a town that belongs to the region, phones, e-mails derived from the name, NIF and
 * RCCM numbers in the national formats.
 */

export interface GeneratedPerson {
  gender: Gender;
  firstName: string;
  lastName: string;
}

const DAY_MS = 86_400_000;

/** Applicants of the capital region dominate, as they do on the real portal. */
const REGION_WEIGHTS: Record<'company' | 'person', readonly (readonly [string, number])[]> = {
  company: [
    ['Grand Lomé', 58],
    ['Maritime', 12],
    ['Plateaux', 10],
    ['Centrale', 7],
    ['Kara', 8],
    ['Savanes', 5],
  ],
  person: [
    ['Grand Lomé', 38],
    ['Maritime', 15],
    ['Plateaux', 15],
    ['Centrale', 10],
    ['Kara', 12],
    ['Savanes', 10],
  ],
};

/** Registry (greffe) code used in RCCM numbers, by region. */
const RCCM_REGISTRY: Record<string, string> = {
  'Grand Lomé': 'LFW',
  Maritime: 'TSV',
  Plateaux: 'ATP',
  Centrale: 'SKD',
  Kara: 'KRA',
  Savanes: 'DPG',
};

const QUARTIERS: Record<string, readonly string[]> = {
  Lomé: [
    'Bè-Kpota',
    'Tokoin-Hôpital',
    'Tokoin-Wuiti',
    'Nyékonakpoè',
    'Hédzranawoé',
    'Adakpamé',
    'Agbalépédogan',
    'Kodjoviakopé',
    'Amoutivé',
    'Kégué',
    'Djidjolé',
    'Avédji',
    'Hanoukopé',
    'Doumasséssé',
    'Totsi',
    'Aflao-Gakli',
  ],
  'Agoè-Nyivé': ['Agoè-Télessou', 'Agoè-Assiyéyé', 'Légbassito', 'Zanguéra', 'Vakpossito'],
  Baguida: ['Baguida-Plage', 'Avépozo', 'Kpogan', 'Dévégo'],
  Adidogomé: ['Sagbado', 'Apédokoè', 'Wonyomé', 'Démakpoè'],
  Tsévié: ['Gblainvié', 'Akoumapé', 'Dalavé', 'Agbélouvé'],
  Aného: ['Zébé', 'Adjido', 'Nlessi', 'Glidji'],
  Atakpamé: ['Agbonou', 'Djama', 'Gnagna', 'Woudou'],
  Kpalimé: ['Nyivémé', 'Kpodzi', 'Zomayi', 'Hanyigba'],
  Sokodé: ['Komah', 'Kpangalam', 'Didaouré', 'Kouloundè'],
  Kara: ['Tomdè', 'Kpéwa', 'Chaminade', 'Lama', 'Kassena'],
  Dapaong: ['Nassablé', 'Natigou', 'Worgou', 'Tantigou'],
};
const GENERIC_QUARTIERS = [
  'Quartier Administratif',
  'Zongo',
  'Quartier Commercial',
  'Quartier Résidentiel',
  'Quartier Gare',
];
const NAMED_STREETS = [
  'rue des Cocotiers',
  'avenue de la Libération',
  'boulevard du 13 Janvier',
  'rue du Commerce',
  'avenue Nicolas Grunitzky',
  'rue de la Paix',
  'rue des Artisans',
  "avenue de l'Indépendance",
  'rue du Marché',
];
const EMAIL_DOMAINS: readonly (readonly [string, number])[] = [
  ['gmail.com', 55],
  ['yahoo.fr', 20],
  ['outlook.com', 8],
  ['hotmail.com', 8],
  ['yahoo.com', 5],
  ['cafe.tg', 4],
];
const LEGAL_FORM_WEIGHTS: Record<string, number> = {
  'Entreprise individuelle': 22,
  SARL: 30,
  SARLU: 15,
  SA: 8,
  SAS: 8,
  SASU: 6,
  GIE: 4,
  'Société coopérative': 4,
};
const TRADE_WORDS = [
  'Négoce',
  'Distribution',
  'Import-Export',
  'Commerce Général',
  'Agro-Industries',
  'Matériaux',
  'Logistique',
  'Agro-Business',
];
const COMPANY_PATTERNS = [
  (family: string) => `Établissements ${family} & Fils`,
  (family: string) => `${family} {trade}`,
  (family: string) => `Groupe ${family}`,
  () => 'Société Togolaise de {trade}',
  () => 'Compagnie Ouest-Africaine de {trade}',
  () => 'Comptoir Togolais de {trade}',
  () => 'Togo {trade}',
  (family: string) => `${family} et Associés`,
];
const MOTTOS = [
  'La Providence',
  'Grâce Divine',
  'Dieu Merci',
  'Bon Berger',
  'La Confiance',
  'Le Miracle',
  "L'Éternel est Grand",
  'Espoir',
];

const foldCache = new Map<string, string>();

/** ASCII-folded, lowercase form of a name for e-mail addresses: « N'Kégbé » → « nkegbe ». */
export function asciiFold(text: string): string {
  let folded = foldCache.get(text);
  if (folded === undefined) {
    folded = text
      .normalize('NFD')
      .replace(/[\u0300-\u036f]/g, '')
      .toLowerCase()
      .replace(/[^a-z0-9-]+/g, '');
    foldCache.set(text, folded);
  }
  return folded;
}

export function pickRegion(rng: Random, kind: 'company' | 'person'): string {
  return rng.weighted(REGION_WEIGHTS[kind]);
}

export function pickCity(rng: Random, region: string): string {
  const towns = referenceData.regions[region];
  if (!towns || towns.length === 0) throw new Error(`région inconnue : ${region}`);
  // The first town of a region is its capital and gets half of the applicants.
  return rng.chance(0.5) ? (towns[0] as string) : rng.pick(towns);
}

export function generatePerson(rng: Random, gender?: Gender, familyName?: string): GeneratedPerson {
  const chosenGender = gender ?? (rng.chance(0.42) ? 'F' : 'M');
  const names = referenceData.givenNames[chosenGender];
  let firstName = rng.pick(names);
  if (rng.chance(0.15)) {
    const second = rng.pick(names);
    if (second !== firstName) firstName = `${firstName} ${second}`;
  }
  return {
    gender: chosenGender,
    firstName,
    lastName: familyName ?? rng.pick(referenceData.familyNames),
  };
}

/** « AMOUZOU Kossi »: the family name first and in capitals, as on Togolese documents. */
export function officialName(person: { firstName: string; lastName: string }): string {
  return `${person.lastName.toLocaleUpperCase('fr')} ${person.firstName}`;
}

export function generatePhone(rng: Random): string {
  return `+228 ${rng.pick(referenceData.phonePrefixes)} ${rng.digits(2)} ${rng.digits(2)} ${rng.digits(2)}`;
}

export function generateEmail(rng: Random, person: GeneratedPerson): string {
  const first = asciiFold(person.firstName.split(' ')[0] ?? person.firstName);
  const last = asciiFold(person.lastName);
  const style = rng.int(0, 3);
  const local =
    style === 0
      ? `${first}.${last}`
      : style === 1
        ? `${first}${last}${rng.int(1, 99)}`
        : style === 2
          ? `${first.charAt(0)}${last}`
          : `${last}.${first}${rng.int(70, 2005)}`;
  return `${local}@${rng.weighted(EMAIL_DOMAINS)}`;
}

export function generateAddress(rng: Random, city: string): string {
  const quartier = rng.pick(QUARTIERS[city] ?? GENERIC_QUARTIERS);
  const street = rng.chance(0.6) ? `rue ${rng.int(2, 480)}` : rng.pick(NAMED_STREETS);
  const suffix = rng.chance(0.4)
    ? `, maison n° ${rng.int(1, 120)}`
    : rng.chance(0.3)
      ? `, BP ${rng.int(100, 9999)}`
      : '';
  const place = quartier.startsWith('Quartier') ? quartier : `quartier ${quartier}`;
  return `${street.charAt(0).toUpperCase()}${street.slice(1)}, ${place}${suffix}`;
}

export function generateIdNumber(rng: Random, idType: 'cni' | 'passeport' | 'carteSejour'): string {
  switch (idType) {
    case 'cni':
      return `${rng.digits(4)}-${rng.digits(3)}-${rng.digits(4)}`;
    case 'passeport':
      return `TG${rng.digits(7)}`;
    case 'carteSejour':
      return `CS-${rng.digits(6)}`;
  }
}

/** A birth date giving an age between the bounds on `onDay` (milliseconds, UTC midnight). */
export function birthDateForAge(
  rng: Random,
  onDayMs: number,
  minAge: number,
  maxAge: number,
): string {
  const latest = onDayMs - minAge * 365.25 * DAY_MS;
  const earliest = onDayMs - (maxAge + 1) * 365.25 * DAY_MS + DAY_MS;
  return new Date(rng.between(earliest, latest)).toISOString().slice(0, 10);
}

export interface GeneratedApplicant {
  applicant: PortalApplicant;
  person: GeneratedPerson;
}

export function generateApplicant(
  rng: Random,
  options: { kind: 'company' | 'person'; submittedDayMs: number; minAge: number; maxAge: number },
): GeneratedApplicant {
  const person = generatePerson(rng);
  const region = pickRegion(rng, options.kind);
  const city = pickCity(rng, region);
  const idType = rng.chance(0.9) ? 'cni' : 'passeport';
  const applicant: PortalApplicant = {
    firstName: person.firstName,
    lastName: person.lastName,
    gender: person.gender,
    birthDate: birthDateForAge(rng, options.submittedDayMs, options.minAge, options.maxAge),
    idNumber: generateIdNumber(rng, idType),
    phone: generatePhone(rng),
    email: generateEmail(rng, person),
    region,
    city,
    address: generateAddress(rng, city),
  };
  return { applicant, person };
}

export interface GeneratedCompany extends PortalCompany {
  /** Year of registration, for dates in the form that must not precede it. */
  registrationYear: number;
}

export function generateCompany(
  rng: Random,
  options: { founder: GeneratedPerson; region: string; city: string; submittedYear: number },
): GeneratedCompany {
  const legalForm = rng.weighted(
    referenceData.legalForms.map((form) => [form, LEGAL_FORM_WEIGHTS[form] ?? 3] as const),
  );
  const family = options.founder.lastName;
  let name: string;
  if (legalForm === 'Entreprise individuelle') {
    name = rng.chance(0.5)
      ? `Ets ${options.founder.firstName.split(' ')[0]} ${family}`
      : `${rng.pick(['Quincaillerie', 'Boutique', 'Comptoir', 'Établissements'])} ${rng.pick(MOTTOS)}`;
  } else if (legalForm === 'GIE') {
    name = `GIE des Commerçants de ${options.city}`;
  } else if (legalForm === 'Société coopérative') {
    name = `SCOOPS des Producteurs de ${rng.pick(['Soja', 'Maïs', 'Karité', 'Noix de cajou', 'Café-Cacao'])} de ${options.city}`;
  } else {
    const base = rng
      .pick(COMPANY_PATTERNS)(family)
      .replace('{trade}', rng.pick(TRADE_WORDS))
      .replace(/\bde ([AEIOUÉ])/, "d'$1");
    name = `${base} ${legalForm}`;
  }
  const registrationYear = rng.int(
    Math.max(1995, options.submittedYear - 25),
    options.submittedYear,
  );
  const registry = RCCM_REGISTRY[options.region] ?? 'LFW';
  const kind = legalForm === 'Entreprise individuelle' ? 'A' : 'B';
  return {
    name,
    legalForm,
    nif: `10${rng.digits(8)}`,
    rccm: `TG-${registry}-${String(rng.int(1, 3)).padStart(2, '0')}-${registrationYear}-${kind}${String(rng.int(10, 19))}-${rng.digits(5)}`,
    registrationYear,
  };
}

export const MS_PER_DAY = DAY_MS;
