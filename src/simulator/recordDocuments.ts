import { createHash } from 'node:crypto';
import {
  procedureFields,
  type FieldDefinition,
  type ProcedureDefinition,
} from '../shared/catalog/procedureSchema';
import type { FormValue, PortalApplication } from '../shared/portal/portalApplication';
import { createRandom } from './random';
import { frenchDate } from '../main/core/certificates/frenchFormat';

/**
 * The PDF attachments of one simulated application, written from the application's own data:
 * the invoice names the applicant's company and the amount of the form, the identity document
 * the applicant, the lab report the laboratory and report number the form gives, the receipt the
 * case's reference. A clerk practising the checklist compares documents that agree with the
 * form (the portal's changes and the hostile documents are where discrepancies come from).
 *
 * Pure and deterministic: the bytes depend only on the record as it was generated and on the
 * document code. They are written by hand (one page, the standard Helvetica fonts in WinAnsi
 * encoding, no compression): rendering costs a few microseconds, so every record gets its own
 * files without slowing the generator, and the store renders a body again when it is asked for
 * it rather than keeping it.
 */

export interface RecordDocument {
  readonly bytes: Buffer;
  readonly size: number;
  readonly sha256: string;
}

/** A fixed date so that the PDF's metadata never changes. */
const CREATION_DATE = 'D:20240102080000Z';
const DAY_MS = 86_400_000;

/** Dossier fees per procedure, printed on the receipts (FCFA). */
const FEES: Record<string, number> = {
  'COM-IMPEX': 50_000,
  'COM-APIPS': 25_000,
  'COM-AMM': 75_000,
  'COM-CO': 15_000,
  'ART-CP': 10_000,
  'ART-APP': 5_000,
  'ART-CFA': 7_500,
  'ART-DIP': 10_000,
};
const DEFAULT_FEE = 10_000;

/** « 3 février 2026 » from `2026-02-03` (or an ISO instant), as certificates print dates. */
const longDate = (iso: string): string => frenchDate(iso.slice(0, 10));

/** « 1 250 000 FCFA », with plain spaces (the same digits a search or pdftotext finds). */
export function fcfa(amount: number): string {
  return `${Math.round(amount)
    .toString()
    .replace(/\B(?=(\d{3})+(?!\d))/g, ' ')} FCFA`;
}

/** « 4 373 000 », « 10,75 »: French digit groups and decimal comma, plain spaces. */
function grouped(value: number): string {
  const [whole, decimals] = String(value).split('.') as [string, string | undefined];
  const digits = whole.replace(/\B(?=(\d{3})+(?!\d))/g, ' ');
  return decimals ? `${digits},${decimals}` : digits;
}

const countryNames = new Intl.DisplayNames(['fr'], { type: 'region' });
function countryName(code: string): string {
  try {
    return /^[A-Z]{2}$/.test(code) ? (countryNames.of(code) ?? code) : code;
  } catch {
    return code;
  }
}

interface Content {
  /** The issuing body, under the country's header. */
  issuer: string;
  title: string;
  lines: string[];
  /** « Fait à …, le … ». */
  place: string;
  date: string;
  /** Issued abroad (the supplier's invoice, the country of origin's certificates). */
  foreign?: boolean;
}

/** Written by a company or a person, not an administration: no « République togolaise » header. */
const PRIVATE_DOCUMENTS = new Set([
  'FACTURE_COMMERCIALE',
  'LISTE_COLISAGE',
  'DOCUMENT_TRANSPORT',
  'STATUTS',
  'CONTRAT_APPRENTISSAGE',
  'ATTESTATION_APPRENTISSAGE',
  'ETIQUETTE',
  'FICHE_TECHNIQUE',
]);

/** Reads the form of a record: raw values, and select values by their French label. */
const fieldMaps = new WeakMap<ProcedureDefinition, Map<string, FieldDefinition>>();

function formReader(record: PortalApplication, procedure: ProcedureDefinition) {
  let fields = fieldMaps.get(procedure);
  if (!fields) {
    fields = new Map(procedureFields(procedure).map((field) => [field.id, field]));
    fieldMaps.set(procedure, fields);
  }
  const raw = (id: string): FormValue | undefined => record.form[id];
  const text = (id: string, fallback = '—'): string => {
    const value = raw(id);
    if (value === undefined || value === null || value === '') return fallback;
    const field = fields.get(id);
    if (field?.type === 'select') {
      return field.options.find((option) => option.value === value)?.label.fr ?? String(value);
    }
    if (field?.type === 'country') return countryName(String(value));
    if (field?.type === 'date') return longDate(String(value));
    if (field?.type === 'amount' && typeof value === 'number') return fcfa(value);
    if (typeof value === 'number') return grouped(value);
    if (typeof value === 'boolean') return value ? 'oui' : 'non';
    return String(value).replace(/\s*\n\s*/g, ', ');
  };
  const number = (id: string): number | null => {
    const value = raw(id);
    return typeof value === 'number' ? value : null;
  };
  return { raw, text, number };
}

function contentOf(
  record: PortalApplication,
  procedure: ProcedureDefinition,
  documentCode: string,
  documentLabel: string,
): Content {
  const form = formReader(record, procedure);
  const rng = createRandom(`${record.id}|${documentCode}`);
  const { applicant, company } = record;
  const person = `${applicant.lastName.toLocaleUpperCase('fr')} ${applicant.firstName}`;
  const holder = company?.name ?? person;
  const submittedOn = record.submittedAt.slice(0, 10);
  const daysBefore = (min: number, max: number) =>
    new Date(Date.parse(submittedOn) - rng.int(min, max) * DAY_MS).toISOString().slice(0, 10);
  const city = applicant.city;
  const companyLines = company
    ? [
        `Raison sociale : ${company.name} (${company.legalForm})`,
        `NIF : ${company.nif} — RCCM : ${company.rccm}`,
      ]
    : [];
  const base = { place: city, date: daysBefore(3, 40) };
  const code = documentCode;

  if (code === 'FACTURE_PROFORMA') {
    const amount = form.number('cifValue');
    return {
      ...base,
      issuer: `Fournisseur établi en ${form.text('originCountry')}`,
      title: `Facture pro forma n° ${form.text('proformaInvoiceNumber')}`,
      lines: [
        `Date : ${form.text('proformaInvoiceDate')}`,
        `Client : ${holder}`,
        ...companyLines.slice(1),
        `Adresse du client : ${applicant.address}, ${city}`,
        `Désignation : ${form.text('productDescription')}`,
        `Position tarifaire (SH) : ${form.text('hsCode')}`,
        `Quantité : ${form.text('quantity')} ${form.text('quantityUnit', '').toLocaleLowerCase('fr')}`,
        `Pays d'origine : ${form.text('originCountry')} — point d'entrée : ${form.text('entryPoint')}`,
        `Valeur CAF : ${amount === null ? '—' : fcfa(amount)}`,
        `Arrêtée la présente facture pro forma à la somme de ${amount === null ? '—' : fcfa(amount)}.`,
      ],
      place: countryName(String(form.raw('originCountry') ?? '')),
      date: String(form.raw('proformaInvoiceDate') ?? base.date),
      foreign: true,
    };
  }
  if (code === 'FACTURE_COMMERCIALE') {
    const amount = form.number('fobValue');
    return {
      ...base,
      issuer: holder,
      title: `Facture commerciale n° ${form.text('commercialInvoiceNumber')}`,
      lines: [
        `Date : ${form.text('invoiceDate')}`,
        `Vendeur (exportateur) : ${holder}`,
        ...companyLines.slice(1),
        `Acheteur : ${form.text('consigneeName')}`,
        `Adresse de l'acheteur : ${form.text('consigneeAddress')}`,
        `Pays de destination : ${form.text('destinationCountry')}`,
        `Désignation : ${form.text('goodsDescription')}`,
        `Position tarifaire (SH) : ${form.text('hsCode')}`,
        `Colis : ${form.text('packageCount')} — poids brut : ${form.text('grossWeightKg')} kg`,
        `Valeur FOB : ${amount === null ? '—' : fcfa(amount)}`,
        `Arrêtée la présente facture à la somme de ${amount === null ? '—' : fcfa(amount)}.`,
      ],
      date: String(form.raw('invoiceDate') ?? base.date),
    };
  }
  if (code === 'LISTE_COLISAGE' || code === 'DOCUMENT_TRANSPORT') {
    const transport = code === 'DOCUMENT_TRANSPORT';
    return {
      ...base,
      issuer: transport ? `Transporteur — ${form.text('transportMode')}` : holder,
      title: transport
        ? `Document de transport n° ${rng.int(10_000, 99_999)}`
        : `Liste de colisage — facture n° ${form.text('commercialInvoiceNumber')}`,
      lines: [
        `Expéditeur : ${holder}`,
        `Destinataire : ${form.text('consigneeName')}`,
        `Adresse : ${form.text('consigneeAddress')}`,
        `Pays de destination : ${form.text('destinationCountry')}`,
        `Marchandises : ${form.text('goodsDescription')}`,
        `Nombre de colis : ${form.text('packageCount')}`,
        `Poids brut total : ${form.text('grossWeightKg')} kg`,
        ...(transport
          ? [
              `Lieu de chargement : ${form.text('loadingPlace')}`,
              `Mode de transport : ${form.text('transportMode')}`,
            ]
          : [`Facture commerciale n° ${form.text('commercialInvoiceNumber')}`]),
      ],
      date: String(form.raw('invoiceDate') ?? base.date),
    };
  }
  if (code === 'CARTE_IMPORTATEUR' || code === 'CARTE_EXPORTATEUR') {
    const cardNumber =
      form.raw('importerCardNumber') !== undefined
        ? form.text('importerCardNumber')
        : `CIE-${submittedOn.slice(0, 4)}-LOM-${String(rng.int(1, 9999)).padStart(6, '0')}`;
    return {
      ...base,
      issuer: 'Ministère du Commerce — Direction du Commerce extérieur',
      title: code === 'CARTE_IMPORTATEUR' ? "Carte d'importateur" : "Carte d'exportateur",
      lines: [`Carte n° ${cardNumber}`, `Titulaire : ${holder}`, ...companyLines.slice(1)],
      place: 'Lomé',
      date: daysBefore(60, 300),
    };
  }
  if (code === 'EXTRAIT_RCCM' || code === 'STATUTS' || code === 'ATTESTATION_NIF') {
    const manager =
      form.raw('managerFullName') !== undefined ? form.text('managerFullName') : person;
    const titles: Record<string, string> = {
      EXTRAIT_RCCM: 'Extrait du registre du commerce et du crédit mobilier',
      STATUTS: 'Statuts de la société',
      ATTESTATION_NIF: "Attestation d'immatriculation fiscale",
    };
    return {
      ...base,
      issuer:
        code === 'ATTESTATION_NIF'
          ? 'Office togolais des recettes'
          : code === 'STATUTS'
            ? holder
            : 'Tribunal de commerce de Lomé — greffe',
      title: titles[code]!,
      lines: [
        ...companyLines,
        `Siège social : ${applicant.address}, ${city}`,
        `Gérant : ${manager}`,
        ...(form.raw('companyCreationDate') !== undefined
          ? [`Date de création : ${form.text('companyCreationDate')}`]
          : []),
        ...(form.raw('mainActivity') !== undefined
          ? [`Activité principale : ${form.text('mainActivity')}`]
          : []),
      ],
      place: code === 'STATUTS' ? city : 'Lomé',
    };
  }
  if (code === 'QUITTANCE') {
    const fee = FEES[procedure.code] ?? DEFAULT_FEE;
    return {
      issuer: procedure.code.startsWith('ART-')
        ? 'Chambre régionale des métiers — caisse'
        : 'Trésor public — caisse du guichet',
      title: `Quittance n° ${rng.int(100_000, 999_999)}`,
      lines: [
        `Reçu de : ${holder}`,
        ...(company ? [`Représentée par : ${person}`] : []),
        `Objet : ${procedure.code.startsWith('ART-') ? 'droits et cotisations' : 'frais de dossier'} — ${procedure.title.fr}`,
        `Demande du portail : ${record.reference}`,
        `Montant reçu : ${fcfa(fee)}`,
        'Pour acquit.',
      ],
      place: city,
      date: submittedOn,
    };
  }
  if (code === 'RAPPORT_ANALYSE' || code === 'CERTIFICAT_SANITAIRE' || code === 'FICHE_TECHNIQUE') {
    const product =
      form.raw('productName') !== undefined
        ? form.text('productName')
        : form.text('productDescription');
    return {
      ...base,
      issuer:
        code === 'RAPPORT_ANALYSE'
          ? form.text('laboratory')
          : code === 'CERTIFICAT_SANITAIRE'
            ? `Autorité sanitaire — ${form.text('manufacturingCountry')}`
            : 'Fabricant — service qualité',
      title:
        code === 'RAPPORT_ANALYSE'
          ? `Rapport d'analyse n° ${form.text('labReportNumber')}`
          : code === 'CERTIFICAT_SANITAIRE'
            ? 'Certificat sanitaire'
            : 'Fiche technique du produit',
      lines: [
        `Demandeur : ${holder}`,
        `Produit : ${product}`,
        ...(form.raw('brand') !== undefined ? [`Marque : ${form.text('brand')}`] : []),
        ...(form.raw('manufacturer') !== undefined
          ? [`Fabricant : ${form.text('manufacturer')} (${form.text('manufacturingCountry')})`]
          : []),
        ...(form.raw('hsCode') !== undefined
          ? [`Position tarifaire (SH) : ${form.text('hsCode')}`]
          : []),
        'Paramètres microbiologiques et physico-chimiques : conformes.',
        'Conclusion : produit conforme à la norme de référence.',
      ],
      date: String(form.raw('labReportDate') ?? base.date),
      foreign: code !== 'RAPPORT_ANALYSE',
    };
  }
  if (code === 'CERTIFICAT_ORIGINE_FOURNISSEUR') {
    return {
      ...base,
      issuer: `Chambre de commerce — ${form.text('originCountry')}`,
      title: "Certificat d'origine",
      lines: [
        `Destinataire : ${holder}`,
        `Marchandises : ${form.text('productDescription')}`,
        `Quantité : ${form.text('quantity')} ${form.text('quantityUnit', '').toLocaleLowerCase('fr')}`,
        `Pays d'origine : ${form.text('originCountry')}`,
      ],
      place: countryName(String(form.raw('originCountry') ?? '')),
      foreign: true,
    };
  }
  if (code === 'ETIQUETTE') {
    return {
      ...base,
      issuer: form.text('manufacturer'),
      title: `Étiquette — ${form.text('productName')}`,
      lines: [
        `Produit : ${form.text('productName')}`,
        `Marque : ${form.text('brand')}`,
        `Contenance : ${form.text('netQuantity')}`,
        `Fabriqué en ${form.text('manufacturingCountry')} par ${form.text('manufacturer')}`,
        `Importé et distribué par ${holder}`,
      ],
    };
  }
  if (code === 'CONTRAT_APPRENTISSAGE') {
    return {
      ...base,
      issuer: `Atelier de ${person}`,
      title: "Contrat d'apprentissage",
      lines: [
        `Maître artisan : ${person}, carte n° ${form.text('masterCardNumber')}`,
        `Atelier : ${form.text('workshopAddress')}`,
        `Apprenti(e) : ${form.text('apprenticeLastName').toLocaleUpperCase('fr')} ${form.text('apprenticeFirstName')}, né(e) le ${form.text('apprenticeBirthDate')}`,
        `Métier : ${form.text('trade')}`,
        `Début : ${form.text('startDate')} — durée : ${form.text('durationMonths')} mois`,
        `Représentant légal : ${form.text('guardianName')} (${form.text('guardianRelationship')})`,
      ],
      date: String(form.raw('startDate') ?? base.date),
    };
  }
  if (code === 'ACTE_NAISSANCE_APPRENTI') {
    return {
      ...base,
      issuer: 'Centre d’état civil',
      title: 'Extrait d’acte de naissance',
      lines: [
        `Nom : ${form.text('apprenticeLastName').toLocaleUpperCase('fr')}`,
        `Prénoms : ${form.text('apprenticeFirstName')}`,
        `Date de naissance : ${form.text('apprenticeBirthDate')}`,
        `Acte n° ${rng.int(100, 9999)}/${form.text('apprenticeBirthDate').slice(-4)}`,
      ],
    };
  }
  if (code === 'CARTE_MAITRE_ARTISAN') {
    return {
      ...base,
      issuer: 'Chambre régionale des métiers',
      title: 'Carte professionnelle de maître artisan',
      lines: [
        `Carte n° ${form.text('masterCardNumber')}`,
        `Titulaire : ${person}`,
        `Métier : ${form.text('trade')}`,
      ],
      date: daysBefore(200, 900),
    };
  }
  if (code === 'ATTESTATION_APPRENTISSAGE') {
    return {
      ...base,
      issuer: `Atelier de ${form.text('masterName')}`,
      title: "Attestation d'apprentissage",
      lines: [
        `Je soussigné(e) ${form.text('masterName')}, maître artisan, atteste que`,
        `${person}, immatriculé(e) sous le n° ${form.text('apprenticeRegistrationNumber')},`,
        `suit un apprentissage de ${form.text('trade').toLocaleLowerCase('fr')} dans mon atelier`,
        `depuis le ${form.text('apprenticeshipStartDate')}.`,
      ],
    };
  }
  if (code === 'RELEVE_NOTES' || code === 'CONVOCATION') {
    const transcript = code === 'RELEVE_NOTES';
    const score = form.number('averageScore');
    return {
      ...base,
      issuer: "Ministère chargé de l'artisanat — service des examens",
      title: transcript ? 'Relevé de notes' : "Convocation à l'examen de fin d'apprentissage",
      lines: [
        `Candidat(e) : ${person}`,
        `N° de candidat : ${form.text('candidateNumber')}`,
        `Session : ${form.text('session')} — centre : ${form.text('examCentre')}`,
        `Métier : ${form.text('trade')}`,
        ...(transcript
          ? [
              `Moyenne générale : ${score === null ? '—' : `${String(score).replace('.', ',')}/20`}`,
              `Résultat : ${form.text('result')}`,
            ]
          : []),
      ],
    };
  }
  if (code === 'ATTESTATION_FORMATION') {
    return {
      ...base,
      issuer: 'Centre de formation aux métiers',
      title: "Attestation de fin d'apprentissage",
      lines: [
        `Nom et prénoms : ${person}`,
        `Métier : ${form.text('trade')}`,
        `Parcours : ${form.text('trainingPath')}`,
      ],
      date: daysBefore(400, 1500),
    };
  }
  if (code === 'CERTIFICAT_RESIDENCE') {
    return {
      ...base,
      issuer: `Mairie de ${city}`,
      title: 'Certificat de résidence',
      lines: [
        `Le maire certifie que ${person}`,
        `demeure à ${applicant.address}, ${city} (${applicant.region}).`,
      ],
    };
  }
  // Identity documents, and any document a later procedure adds.
  const identity = /IDENTITE/.test(code);
  const manager =
    code.endsWith('GERANT') && form.raw('managerFullName') !== undefined
      ? form.text('managerFullName')
      : null;
  // The manager's own document: the applicant's birth date and address are not the manager's.
  const isApplicant = manager === null || manager === person;
  const idLine =
    form.raw('managerIdNumber') !== undefined && code.endsWith('GERANT')
      ? [`${form.text('managerIdType')} n° ${form.text('managerIdNumber')}`]
      : applicant.idNumber
        ? [
            `${form.raw('idType') !== undefined ? form.text('idType') : "Pièce d'identité"} n° ${applicant.idNumber}`,
          ]
        : [];
  return {
    ...base,
    issuer: identity ? 'Direction générale de la documentation nationale' : procedure.title.fr,
    title: documentLabel,
    lines: [
      `Nom et prénoms : ${manager ?? person}`,
      ...(isApplicant && applicant.birthDate ? [`Né(e) le ${longDate(applicant.birthDate)}`] : []),
      ...idLine,
      ...(isApplicant ? [`Adresse : ${applicant.address}, ${city}`] : []),
      ...(identity ? [] : [`Demande du portail : ${record.reference}`]),
    ],
    date: identity ? daysBefore(300, 2000) : base.date,
  };
}

// ---------------------------------------------------------------------------------------------
// A one-page PDF, by hand.

/** Unicode → WinAnsiEncoding (the standard fonts' encoding); what it lacks becomes « ? ». */
const WIN_ANSI: Record<string, number> = {
  '€': 0x80,
  '‚': 0x82,
  '„': 0x84,
  '…': 0x85,
  '‘': 0x91,
  '’': 0x92,
  '“': 0x93,
  '”': 0x94,
  '•': 0x95,
  '–': 0x96,
  '—': 0x97,
  œ: 0x9c,
  Œ: 0x8c,
  '\u202f': 0x20,
  '\u2009': 0x20,
};

const BEYOND_LATIN1 = /[^ -~\u00a0-\u00ff]/g;

/** A PDF literal string in WinAnsi: one character per byte, as a latin1 JavaScript string. */
function pdfString(text: string): string {
  const escaped = text.replace(/[()\\]/g, '\\$&');
  return `(${escaped.replace(BEYOND_LATIN1, (char) => String.fromCharCode(WIN_ANSI[char] ?? 0x3f))})`;
}

/** A text string of the document information (UTF-16BE with its byte order mark, in hex). */
function infoString(text: string): string {
  const bytes = Buffer.from(text, 'utf16le').swap16();
  return `<FEFF${bytes.toString('hex').toUpperCase()}>`;
}

/** Word-wraps at about `width` characters (Helvetica 11 pt on an A4 text column). */
function wrap(line: string, width: number): string[] {
  if (line.length <= width) return [line];
  const out: string[] = [];
  let current = '';
  for (const word of line.split(' ')) {
    if (current && current.length + 1 + word.length > width) {
      out.push(current);
      current = `    ${word}`;
    } else {
      current = current ? `${current} ${word}` : word;
    }
  }
  if (current) out.push(current);
  return out;
}

function writePdf(content: Content, title: string, subject: string, header: boolean): Buffer {
  const ops: string[] = [];
  const text = (font: string, size: number, x: number, y: number, value: string, gray = 0) =>
    ops.push(`BT ${gray.toFixed(2)} g /${font} ${size} Tf ${x} ${y} Td ${pdfString(value)} Tj ET`);
  let y = 803;
  if (header && !content.foreign) {
    text('F2', 10, 56, (y -= 13), 'RÉPUBLIQUE TOGOLAISE');
    text('F3', 9, 56, (y -= 13), 'Travail – Liberté – Patrie');
  }
  for (const line of wrap(content.issuer, 70)) text('F2', 11, 56, (y -= 26), line);
  ops.push(`0.6 G 0.8 w 56 ${y - 12} m 539 ${y - 12} l S`);
  y -= 30;
  for (const line of wrap(content.title, 48)) text('F2', 16, 56, (y -= 22), line);
  y -= 18;
  for (const line of content.lines) {
    for (const part of wrap(line, 84)) {
      text('F1', 11, 56, (y -= 17), part);
    }
    y -= 3;
  }
  text(
    'F1',
    11,
    300,
    (y -= 40),
    content.foreign
      ? `Émis le ${longDate(content.date)} (${content.place})`
      : `Fait à ${content.place}, le ${longDate(content.date)}`,
  );
  text('F3', 10, 300, y - 40, 'Signature et cachet');
  text(
    'F3',
    8,
    56,
    60,
    'Document fictif produit par le simulateur du portail — données de formation.',
    0.45,
  );
  const stream = ops.join('\n');
  const objects = [
    '<< /Type /Catalog /Pages 2 0 R >>',
    '<< /Type /Pages /Kids [3 0 R] /Count 1 >>',
    '<< /Type /Page /Parent 2 0 R /MediaBox [0 0 595.28 841.89] /Resources << /Font << /F1 4 0 R /F2 5 0 R /F3 6 0 R >> >> /Contents 7 0 R >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Bold /Encoding /WinAnsiEncoding >>',
    '<< /Type /Font /Subtype /Type1 /BaseFont /Helvetica-Oblique /Encoding /WinAnsiEncoding >>',
    `<< /Length ${stream.length} >>\nstream\n${stream}\nendstream`,
    `<< /Title ${infoString(title)} /Subject ${infoString(subject)} /Author (Simulateur du portail des services publics) /CreationDate (${CREATION_DATE}) >>`,
  ];
  let body = '%PDF-1.4\n%\xe2\xe3\xcf\xd3\n';
  const offsets: number[] = [];
  objects.forEach((object, index) => {
    offsets.push(body.length);
    body += `${index + 1} 0 obj\n${object}\nendobj\n`;
  });
  const xref = body.length;
  body += `xref\n0 ${objects.length + 1}\n0000000000 65535 f \n`;
  for (const offset of offsets) body += `${String(offset).padStart(10, '0')} 00000 n \n`;
  body += `trailer\n<< /Size ${objects.length + 1} /Root 1 0 R /Info ${objects.length} 0 R >>\nstartxref\n${xref}\n%%EOF\n`;
  return Buffer.from(body, 'latin1');
}

/**
 * The PDF of one of a record's documents: from the record as it was generated, or — for a file
 * the applicant sends later, in reply to a request (`complement`) — from the record as it was
 * when the request was answered, dated the day of the request.
 */
export function renderRecordDocument(
  record: PortalApplication,
  procedure: ProcedureDefinition,
  documentCode: string,
  documentLabel: string,
  complement = false,
): RecordDocument {
  const content = contentOf(record, procedure, documentCode, documentLabel);
  if (complement) {
    content.lines.unshift(`Pièce complémentaire — demande du portail ${record.reference}`);
    content.date = record.updatedAt.slice(0, 10);
  }
  const bytes = writePdf(
    content,
    documentLabel,
    `${procedure.title.fr} — ${record.reference}`,
    !PRIVATE_DOCUMENTS.has(documentCode),
  );
  return {
    bytes,
    size: bytes.length,
    sha256: createHash('sha256').update(bytes).digest('hex'),
  };
}
