import type { FieldDefinition, ProcedureDefinition } from '../shared/catalog/procedureSchema';
import type { FormValue, PortalApplicant } from '../shared/portal/portalApplication';
import {
  birthDateForAge,
  generateAddress,
  generateIdNumber,
  generatePerson,
  generatePhone,
  MS_PER_DAY,
  officialName,
  type GeneratedCompany,
} from './generateIdentity';
import type { Random } from './random';
import { referenceData } from './referenceData';

/**
 * The procedure-specific part of an application (`form`). Each known procedure has a scenario
 * that draws consistent values (product ↔ HS code ↔ unit ↔ price, origin ↔ entry point, region ↔
 * chamber ↔ exam centre…); any field the scenario does not know — a procedure added to the catalog
 * later — gets a plain value built from the field's own constraints.
 */

export interface FormContext {
  rng: Random;
  procedure: ProcedureDefinition;
  applicant: PortalApplicant;
  company: GeneratedCompany | null;
  /** Submission instant and its UTC day, in milliseconds. */
  submittedMs: number;
  submittedDayMs: number;
}

type Scenario = (context: FormContext) => Record<string, FormValue>;

const isoDay = (ms: number) => new Date(ms).toISOString().slice(0, 10);
const daysBefore = (context: FormContext, min: number, max: number) =>
  isoDay(context.submittedDayMs - context.rng.int(min, max) * MS_PER_DAY);
const roundTo = (value: number, step: number) => Math.max(step, Math.round(value / step) * step);
const yearOf = (ms: number) => new Date(ms).getUTCFullYear();

// --- Commerce --------------------------------------------------------------------------------

const IMPEX_ACTIVITIES: Record<
  'import' | 'export' | 'both',
  readonly (readonly [string, string])[]
> = {
  import: [
    [
      'Importation et distribution de produits alimentaires',
      'Riz, sucre, huile végétale, farine de blé',
    ],
    ['Commerce général et importation de quincaillerie', 'Fer à béton, ciment, tôles, outillage'],
    ['Importation de pièces détachées automobiles', 'Pièces détachées, pneumatiques, lubrifiants'],
    [
      'Distribution de produits pharmaceutiques et parapharmaceutiques',
      'Médicaments génériques, consommables médicaux',
    ],
    ['Importation de produits surgelés', 'Poissons congelés, viandes et abats de volailles'],
  ],
  export: [
    ['Exportation de produits agricoles', 'Soja, noix de cajou, sésame'],
    ['Collecte et exportation de café et de cacao', 'Café vert robusta, fèves de cacao'],
    ['Transformation et exportation de beurre de karité', 'Beurre de karité, amandes de karité'],
  ],
  both: [
    [
      'Négoce international de produits agricoles et alimentaires',
      'Soja, maïs, riz, huile de palme',
    ],
    ['Commerce général import-export', 'Produits manufacturés, textiles, produits alimentaires'],
    ['Négoce de matériaux de construction', 'Ciment, clinker, fer à béton'],
  ],
};

const impex: Scenario = ({ rng, applicant, company, submittedDayMs }) => {
  const cardType = rng.weighted([
    ['import', 55],
    ['export', 15],
    ['both', 30],
  ] as const);
  const [activity, products] = rng.pick(IMPEX_ACTIVITIES[cardType]);
  const managerIsApplicant = rng.chance(0.7);
  const manager = managerIsApplicant ? applicant : generatePerson(rng);
  const idType = managerIsApplicant
    ? applicant.idNumber?.startsWith('TG')
      ? 'passeport'
      : 'cni'
    : 'cni';
  const foundedYear = company?.registrationYear ?? yearOf(submittedDayMs) - 3;
  const founded = Date.UTC(foundedYear, rng.int(0, 11), rng.int(1, 28));
  return {
    cardType,
    mainActivity: activity,
    productCategories: products,
    companyCreationDate: isoDay(Math.min(founded, submittedDayMs)),
    annualTurnover: rng.chance(0.7) ? roundTo(rng.int(5, 2500) * 1_000_000, 100_000) : null,
    managerFullName: officialName(manager),
    managerIdType: idType,
    managerIdNumber:
      managerIsApplicant && applicant.idNumber ? applicant.idNumber : generateIdNumber(rng, 'cni'),
    managerPhone: managerIsApplicant ? applicant.phone : generatePhone(rng),
  };
};

interface SensitiveProduct {
  hs6: string;
  description: string;
  unit: 't' | 'kg' | 'l' | 'carton' | 'sac' | 'unite';
  quantity: readonly [number, number];
  unitPriceFcfa: number;
  origins: readonly string[];
}

/** Keyed by the 4-digit heading of the reference's sensitive products. */
const SENSITIVE_PRODUCTS: Record<string, Omit<SensitiveProduct, 'hs6'> & { hs6: string }> = {
  '1006': {
    hs6: '100630',
    description: 'Riz blanchi brisé 25 %, en sacs de 50 kg',
    unit: 't',
    quantity: [50, 2000],
    unitPriceFcfa: 340_000,
    origins: ['TH', 'IN', 'VN', 'PK'],
  },
  '1701': {
    hs6: '170199',
    description: 'Sucre blanc cristallisé, en sacs de 50 kg',
    unit: 't',
    quantity: [20, 1000],
    unitPriceFcfa: 420_000,
    origins: ['BR', 'FR', 'IN'],
  },
  '1507': {
    hs6: '150790',
    description: 'Huile de soja raffinée, en bidons de 20 l',
    unit: 'l',
    quantity: [10_000, 500_000],
    unitPriceFcfa: 850,
    origins: ['AR', 'BR', 'ES'],
  },
  '1511': {
    hs6: '151190',
    description: 'Huile de palme raffinée',
    unit: 't',
    quantity: [20, 600],
    unitPriceFcfa: 650_000,
    origins: ['MY', 'ID', 'CI'],
  },
  '1101': {
    hs6: '110100',
    description: 'Farine de froment, en sacs de 50 kg',
    unit: 'sac',
    quantity: [500, 40_000],
    unitPriceFcfa: 19_000,
    origins: ['FR', 'TR', 'NG'],
  },
  '0207': {
    hs6: '020714',
    description: 'Morceaux et abats de poulet congelés, cartons de 10 kg',
    unit: 'carton',
    quantity: [500, 20_000],
    unitPriceFcfa: 11_500,
    origins: ['BR', 'US', 'NL'],
  },
  '0303': {
    hs6: '030389',
    description: 'Chinchards et maquereaux congelés',
    unit: 't',
    quantity: [20, 800],
    unitPriceFcfa: 780_000,
    origins: ['MR', 'MA', 'NL', 'CN'],
  },
  '2002': {
    hs6: '200290',
    description: 'Concentré de tomates double, boîtes de 400 g',
    unit: 'carton',
    quantity: [1000, 50_000],
    unitPriceFcfa: 14_500,
    origins: ['CN', 'IT', 'TR'],
  },
  '0402': {
    hs6: '040221',
    description: 'Lait entier en poudre, sacs de 25 kg',
    unit: 'sac',
    quantity: [200, 10_000],
    unitPriceFcfa: 48_000,
    origins: ['FR', 'NL', 'IE', 'NZ'],
  },
  '2523': {
    hs6: '252329',
    description: 'Ciment Portland CEM II 42,5',
    unit: 't',
    quantity: [500, 20_000],
    unitPriceFcfa: 62_000,
    origins: ['NG', 'GH', 'TR', 'CN'],
  },
  '7214': {
    hs6: '721420',
    description: 'Barres de fer à béton HA, diamètres 8 à 16 mm',
    unit: 't',
    quantity: [50, 3000],
    unitPriceFcfa: 410_000,
    origins: ['TR', 'CN', 'UA', 'GH'],
  },
  '3004': {
    hs6: '300490',
    description: 'Médicaments génériques conditionnés pour la vente au détail',
    unit: 'carton',
    quantity: [50, 5000],
    unitPriceFcfa: 145_000,
    origins: ['IN', 'FR', 'CN', 'MA'],
  },
  '3102': {
    hs6: '310210',
    description: 'Urée (engrais azoté), en sacs de 50 kg',
    unit: 't',
    quantity: [100, 5000],
    unitPriceFcfa: 310_000,
    origins: ['MA', 'NG', 'RU'],
  },
  '2710': {
    hs6: '271019',
    description: 'Gasoil (huiles moyennes de pétrole)',
    unit: 'l',
    quantity: [50_000, 5_000_000],
    unitPriceFcfa: 430,
    origins: ['NG', 'NL', 'BE'],
  },
  '2402': {
    hs6: '240220',
    description: 'Cigarettes contenant du tabac',
    unit: 'carton',
    quantity: [100, 5000],
    unitPriceFcfa: 240_000,
    origins: ['AE', 'NG', 'BE'],
  },
};

function entryPointFor(rng: Random, origin: string, hs4: string): string {
  if (origin === 'GH') return rng.chance(0.6) ? 'kodjoviakope' : 'aflao';
  if (origin === 'NG' || origin === 'BJ') return rng.chance(0.5) ? 'sanveeCondji' : 'portLome';
  if (origin === 'BF') return 'cinkasse';
  if (hs4 === '3004' && rng.chance(0.4)) return 'aeroportLome';
  return 'portLome';
}

/** An HS code at 4, 6 or 10 digits, as importers write it. */
function hsCodeOf(rng: Random, hs6: string): string {
  const form = rng.int(0, 2);
  return form === 0 ? hs6.slice(0, 4) : form === 1 ? hs6 : `${hs6}0000`;
}

function invoiceNumber(rng: Random, year: number): string {
  switch (rng.int(0, 3)) {
    case 0:
      return `PF-${year}-${rng.digits(4)}`;
    case 1:
      return `PRO/${String(year).slice(2)}/${rng.digits(5)}`;
    case 2:
      return `INV-${rng.digits(6)}`;
    default:
      return `${rng.digits(3)}/${year}`;
  }
}

const apips: Scenario = ({ rng, submittedDayMs }) => {
  const hs4 = rng.pick(Object.keys(referenceData.sensitiveProducts));
  const product = SENSITIVE_PRODUCTS[hs4];
  const referenceName = referenceData.sensitiveProducts[hs4] ?? 'Produit sensible';
  const hs6 = product?.hs6 ?? `${hs4}00`;
  const unit = product?.unit ?? 't';
  const [minQuantity, maxQuantity] = product?.quantity ?? [10, 1000];
  const step = maxQuantity >= 100_000 ? 1000 : maxQuantity >= 10_000 ? 100 : 10;
  const quantity = roundTo(rng.int(minQuantity, maxQuantity), step);
  const origin = rng.pick(product?.origins ?? ['CN']);
  const year = yearOf(submittedDayMs);
  return {
    importerCardNumber: `CIE-${rng.int(year - 1, year)}-${rng.digits(6)}`,
    productDescription: product?.description ?? referenceName,
    hsCode: hsCodeOf(rng, hs6),
    quantity,
    quantityUnit: unit,
    cifValue: roundTo(
      quantity * (product?.unitPriceFcfa ?? 100_000) * (0.9 + rng.next() * 0.2),
      1000,
    ),
    originCountry: origin,
    entryPoint: entryPointFor(rng, origin, hs4),
    expectedArrivalDate: rng.chance(0.8)
      ? isoDay(submittedDayMs + rng.int(15, 90) * MS_PER_DAY)
      : null,
    proformaInvoiceNumber: invoiceNumber(rng, year),
    proformaInvoiceDate: isoDay(submittedDayMs - rng.int(1, 45) * MS_PER_DAY),
  };
};

const FOODS = [
  {
    category: 'cereales',
    name: 'Riz parfumé long grain',
    packaging: 'sac',
    net: ['5 kg', '25 kg'],
    shelf: 24,
  },
  {
    category: 'cereales',
    name: 'Gari de manioc extra',
    packaging: 'sachet',
    net: ['1 kg', '5 kg'],
    shelf: 12,
  },
  {
    category: 'produitsLaitiers',
    name: 'Lait concentré sucré',
    packaging: 'boiteMetal',
    net: ['397 g', '1 kg'],
    shelf: 18,
  },
  {
    category: 'produitsLaitiers',
    name: 'Yaourt à boire sucré',
    packaging: 'bouteillePlastique',
    net: ['500 ml', '1 l'],
    shelf: 1,
  },
  {
    category: 'huiles',
    name: 'Huile végétale raffinée',
    packaging: 'bouteillePlastique',
    net: ['1 l', '5 l', '20 l'],
    shelf: 18,
  },
  {
    category: 'huiles',
    name: 'Huile de palme rouge',
    packaging: 'bouteillePlastique',
    net: ['1,5 l', '5 l'],
    shelf: 12,
  },
  {
    category: 'conserves',
    name: 'Concentré de tomates double',
    packaging: 'boiteMetal',
    net: ['70 g', '400 g'],
    shelf: 24,
  },
  {
    category: 'conserves',
    name: "Sardines à l'huile végétale",
    packaging: 'boiteMetal',
    net: ['125 g'],
    shelf: 36,
  },
  {
    category: 'boissons',
    name: "Jus d'ananas pur jus",
    packaging: 'bouteilleVerre',
    net: ['33 cl', '1 l'],
    shelf: 12,
  },
  {
    category: 'boissons',
    name: 'Eau minérale naturelle',
    packaging: 'bouteillePlastique',
    net: ['50 cl', '1,5 l'],
    shelf: 18,
  },
  {
    category: 'boissons',
    name: 'Boisson au bissap',
    packaging: 'bouteillePlastique',
    net: ['33 cl', '1 l'],
    shelf: 6,
  },
  {
    category: 'confiserie',
    name: 'Biscuits au beurre',
    packaging: 'sachet',
    net: ['200 g', '400 g'],
    shelf: 12,
  },
  {
    category: 'condiments',
    name: 'Bouillon culinaire en cubes',
    packaging: 'carton',
    net: ['400 g', '1 kg'],
    shelf: 24,
  },
  {
    category: 'condiments',
    name: 'Piment en poudre',
    packaging: 'sachet',
    net: ['100 g', '250 g'],
    shelf: 12,
  },
  {
    category: 'alimentationInfantile',
    name: 'Farine infantile enrichie au soja',
    packaging: 'sachet',
    net: ['500 g', '1 kg'],
    shelf: 12,
  },
] as const;
const BRANDS = [
  'Délices du Mono',
  "Saveurs d'Agou",
  'Golden Palm',
  'Maman Afi',
  'Kpémé Gold',
  'Oti Fresh',
  'Soleil de Kara',
  'Nana Benz',
  'Bon Goût',
  "Lait d'Or",
];
const MANUFACTURERS: Record<string, readonly string[]> = {
  GH: ['Accra Food Processing Ltd', 'Kumasi Agro Industries Ltd'],
  NG: ['Lagos Consolidated Foods Plc', 'Kano Flour Mills Ltd'],
  CI: ['Société Ivoirienne de Conserverie SA', 'Abidjan Agro-Alimentaire SA'],
  FR: ['Laiterie Normande SAS', 'Conserverie Atlantique SAS'],
  CN: ['Guangzhou Hengda Food Co., Ltd.', 'Xinjiang Tomato Products Co., Ltd.'],
  MA: ['Conserverie Agadir Océan SARL'],
  TR: ['Anadolu Gıda Sanayi A.Ş.'],
};
const LABORATORIES = [
  "Institut national d'hygiène (INH), Lomé",
  'Laboratoire de microbiologie et de contrôle qualité des denrées alimentaires, Université de Lomé',
  'Laboratoire central de contrôle de la qualité, ITRA, Lomé',
];

const amm: Scenario = ({ rng, company, submittedDayMs }) => {
  const food = rng.pick(FOODS);
  const localMade = rng.chance(0.5);
  const country = localMade ? 'TG' : rng.pick(Object.keys(MANUFACTURERS));
  const manufacturer = localMade
    ? (company?.name ?? 'Société Togolaise de Transformation Agroalimentaire SARL')
    : rng.pick(MANUFACTURERS[country] ?? ['Food Industries Ltd']);
  const year = yearOf(submittedDayMs);
  return {
    productName: food.name,
    brand: rng.pick(BRANDS),
    category: food.category,
    packaging: food.packaging,
    netQuantity: rng.pick(food.net),
    shelfLifeMonths: food.shelf,
    manufacturer,
    manufacturingCountry: country,
    laboratory: rng.pick(LABORATORIES),
    labReportNumber: `LAB/${year}/${rng.digits(4)}`,
    labReportDate: daysBeforeDay(rng, submittedDayMs, 5, 120),
  };
};

function daysBeforeDay(rng: Random, dayMs: number, min: number, max: number): string {
  return isoDay(dayMs - rng.int(min, max) * MS_PER_DAY);
}

const EXPORT_GOODS = [
  {
    hs6: '120190',
    description: 'Graines de soja, en sacs de 50 kg',
    kgPerPackage: 50,
    pricePerKg: 300,
  },
  {
    hs6: '080131',
    description: 'Noix de cajou brutes en coques, en sacs de 80 kg',
    kgPerPackage: 80,
    pricePerKg: 600,
  },
  {
    hs6: '520100',
    description: 'Coton fibre non cardé ni peigné, en balles',
    kgPerPackage: 220,
    pricePerKg: 1200,
  },
  {
    hs6: '180100',
    description: 'Fèves de cacao brutes, en sacs de jute de 65 kg',
    kgPerPackage: 65,
    pricePerKg: 2500,
  },
  {
    hs6: '090111',
    description: 'Café vert robusta non torréfié, en sacs de 60 kg',
    kgPerPackage: 60,
    pricePerKg: 2100,
  },
  {
    hs6: '151590',
    description: 'Beurre de karité non raffiné, en cartons de 25 kg',
    kgPerPackage: 25,
    pricePerKg: 900,
  },
  {
    hs6: '120740',
    description: 'Graines de sésame blanc, en sacs de 50 kg',
    kgPerPackage: 50,
    pricePerKg: 700,
  },
  {
    hs6: '091011',
    description: 'Gingembre séché, en sacs de 40 kg',
    kgPerPackage: 40,
    pricePerKg: 800,
  },
  {
    hs6: '252310',
    description: 'Clinker de ciment, en big-bags de 1,5 t',
    kgPerPackage: 1500,
    pricePerKg: 40,
  },
] as const;
const CONSIGNEES: Record<string, readonly [string, string]> = {
  FR: ['Société Marseillaise de Négoce SAS', '12, quai de la Joliette, 13002 Marseille, France'],
  CN: ['Shenzhen Yuanda Trading Co., Ltd.', 'Futian District, Shenzhen, Guangdong, Chine'],
  IN: ['Mumbai Agro Commodities Pvt. Ltd.', 'Nariman Point, Mumbai 400021, Inde'],
  BE: ['Antwerp Commodities NV', 'Noorderlaan 147, 2030 Anvers, Belgique'],
  NL: ['Rotterdam Cocoa Traders BV', 'Waalhaven 12, 3089 Rotterdam, Pays-Bas'],
  BF: ['Sahel Distribution SARL', 'Avenue Kwame Nkrumah, Ouagadougou, Burkina Faso'],
  ML: ['Établissements Traoré et Frères', 'ACI 2000, Bamako, Mali'],
  NE: ['Niamey Import SA', 'Boulevard de la République, Niamey, Niger'],
  AE: ['Gulf Food Trading LLC', 'Deira, Dubaï, Émirats arabes unis'],
  LB: ['Beirut Trading Company SAL', 'Rue Hamra, Beyrouth, Liban'],
  TR: ['Mersin Gıda İthalat A.Ş.', 'Akdeniz, Mersin, Turquie'],
  US: ['Atlantic Shea Imports LLC', '350 Fifth Avenue, New York, NY 10118, États-Unis'],
  DE: ['Hamburger Rohstoffhandel GmbH', 'Am Sandtorkai 5, 20457 Hambourg, Allemagne'],
  ES: ['Comercial Valenciana de Semillas SL', 'Puerto de Valencia, 46024 Valence, Espagne'],
  MA: ['Casablanca Agro-Négoce SARL', 'Boulevard Zerktouni, Casablanca, Maroc'],
  CM: ['Douala Commerce Général SARL', 'Akwa, Douala, Cameroun'],
  GA: ['Libreville Distribution SA', 'Quartier Louis, Libreville, Gabon'],
};
const LANDLOCKED_NEIGHBOURS = new Set(['BF', 'ML', 'NE']);

const certificateOfOrigin: Scenario = ({ rng, applicant, submittedDayMs }) => {
  const destination = rng.weighted([
    ['BF', 14],
    ['NE', 10],
    ['ML', 8],
    ['FR', 10],
    ['CN', 10],
    ['IN', 9],
    ['NL', 6],
    ['BE', 5],
    ['DE', 4],
    ['AE', 5],
    ['LB', 3],
    ['TR', 4],
    ['US', 4],
    ['ES', 3],
    ['MA', 3],
    ['CM', 3],
    ['GA', 2],
  ] as const);
  const goods = rng.pick(EXPORT_GOODS);
  const packageCount = rng.int(20, 1200);
  const grossWeightKg = Math.round(packageCount * goods.kgPerPackage * (1.01 + rng.next() * 0.02));
  const byRoad = LANDLOCKED_NEIGHBOURS.has(destination);
  const transportMode = byRoad
    ? 'routier'
    : grossWeightKg < 3000 && rng.chance(0.5)
      ? 'aerien'
      : 'maritime';
  const [consigneeName, consigneeAddress] = CONSIGNEES[destination] ?? ['Importateur', 'Adresse'];
  return {
    consigneeName,
    consigneeAddress,
    destinationCountry: destination,
    goodsDescription: goods.description,
    hsCode: hsCodeOf(rng, goods.hs6),
    grossWeightKg,
    packageCount,
    fobValue: roundTo(packageCount * goods.kgPerPackage * goods.pricePerKg, 1000),
    commercialInvoiceNumber: invoiceNumber(rng, yearOf(submittedDayMs)).replace(/^PF|^PRO/, 'FAC'),
    invoiceDate: daysBeforeDay(rng, submittedDayMs, 0, 20),
    transportMode,
    loadingPlace:
      transportMode === 'maritime'
        ? 'Port autonome de Lomé'
        : transportMode === 'aerien'
          ? 'Aéroport international Gnassingbé Eyadéma'
          : `Entrepôt de l'exportateur, ${applicant.city}`,
  };
};

// --- Crafts ----------------------------------------------------------------------------------

const CHAMBER_BY_REGION: Record<string, string> = {
  'Grand Lomé': 'crmGrandLome',
  Maritime: 'crmMaritime',
  Plateaux: 'crmPlateaux',
  Centrale: 'crmCentrale',
  Kara: 'crmKara',
  Savanes: 'crmSavanes',
};
const EXAM_CENTRES_BY_REGION: Record<string, readonly string[]> = {
  'Grand Lomé': ['lomeTokoin'],
  Maritime: ['tsevie', 'lomeTokoin'],
  Plateaux: ['atakpame', 'kpalime'],
  Centrale: ['sokode'],
  Kara: ['kara'],
  Savanes: ['dapaong'],
};
/** Trades by gender, as apprenticeships actually split in Togo. */
const TRADE_WEIGHTS: Record<'F' | 'M', readonly (readonly [string, number])[]> = {
  F: [
    ['couture', 40],
    ['coiffure', 38],
    ['restauration', 8],
    ['tissage', 4],
    ['poterie', 3],
    ['bijouterie', 2],
    ['photographie', 2],
    ['electriciteBatiment', 1],
  ],
  M: [
    ['menuiserie', 14],
    ['mecaniqueAutomobile', 14],
    ['mecaniqueDeuxRoues', 12],
    ['soudure', 12],
    ['maconnerie', 11],
    ['electriciteBatiment', 9],
    ['couture', 7],
    ['coiffure', 5],
    ['plomberie', 5],
    ['froidClimatisation', 5],
    ['cordonnerie', 2],
    ['photographie', 2],
    ['bijouterie', 2],
  ],
};
const WORKSHOP_WORDS: Record<string, string> = {
  couture: 'Atelier de couture',
  coiffure: 'Salon de coiffure',
  menuiserie: 'Menuiserie',
  mecaniqueAutomobile: 'Garage',
  mecaniqueDeuxRoues: 'Garage moto',
  soudure: 'Soudure métallique',
  maconnerie: 'Entreprise de maçonnerie',
  electriciteBatiment: 'Électricité',
  plomberie: 'Plomberie',
  froidClimatisation: 'Froid et Clim',
  restauration: 'Restaurant',
};
const WORKSHOP_MOTTOS = [
  'La Grâce',
  'Dieu Merci',
  'Bon Berger',
  'La Providence',
  'El-Shaddaï',
  'Le Bon Samaritain',
  "L'Excellence",
  'Espoir',
];

function tradeFor(rng: Random, gender: 'F' | 'M' | undefined): string {
  return rng.weighted(TRADE_WEIGHTS[gender ?? 'M']);
}

const ALL_TOWNS = Object.values(referenceData.regions).flat();

const professionalCard: Scenario = ({ rng, applicant, submittedDayMs }) => {
  const trade = tradeFor(rng, applicant.gender);
  const ageYears = applicant.birthDate
    ? Math.floor((submittedDayMs - Date.parse(applicant.birthDate)) / (365.25 * MS_PER_DAY))
    : 30;
  const towns = referenceData.regions[applicant.region] ?? [applicant.city];
  return {
    birthPlace: rng.chance(0.7) ? rng.pick(towns) : rng.pick(ALL_TOWNS),
    nationality: rng.weighted([
      ['TG', 94],
      ['BJ', 3],
      ['GH', 2],
      ['BF', 1],
    ] as const),
    idType: applicant.idNumber?.startsWith('TG') ? 'passeport' : 'cni',
    trade,
    workshopName: rng.chance(0.6)
      ? `${WORKSHOP_WORDS[trade] ?? 'Atelier'} ${rng.pick(WORKSHOP_MOTTOS)}`
      : null,
    workshopAddress: rng.chance(0.6) ? applicant.address : generateAddress(rng, applicant.city),
    regionalChamber: CHAMBER_BY_REGION[applicant.region] ?? 'crmGrandLome',
    yearsOfPractice: rng.int(1, Math.max(1, Math.min(40, ageYears - 16))),
    trainingPath: rng.weighted([
      ['apprentissage', 75],
      ['centreFormation', 18],
      ['experience', 7],
    ] as const),
    apprenticesCount: rng.chance(0.6) ? rng.int(0, 6) : null,
  };
};

const apprentice: Scenario = ({ rng, applicant, submittedDayMs }) => {
  const trade = tradeFor(rng, applicant.gender);
  const apprenticeGender = rng.chance(trade === 'couture' || trade === 'coiffure' ? 0.8 : 0.1)
    ? 'F'
    : 'M';
  const guardian = generatePerson(rng);
  const young = generatePerson(
    rng,
    apprenticeGender,
    rng.chance(0.8) ? guardian.lastName : undefined,
  );
  const startMs = submittedDayMs + rng.int(-60, 30) * MS_PER_DAY;
  const birthDate = birthDateForAge(rng, startMs, 15, 24);
  const ageAtStart = ageOn(birthDate, startMs);
  const year = yearOf(submittedDayMs);
  const relationship =
    guardian.lastName === young.lastName
      ? guardian.gender === 'F'
        ? 'mere'
        : 'pere'
      : rng.pick(['oncleTante', 'tuteur', 'frereSoeur']);
  return {
    apprenticeFirstName: young.firstName,
    apprenticeLastName: young.lastName,
    apprenticeGender,
    apprenticeBirthDate: birthDate,
    apprenticeAge: ageAtStart,
    masterCardNumber: `CPA-${rng.int(year - 8, year)}-${rng.digits(6)}`,
    trade,
    workshopAddress: applicant.address,
    startDate: isoDay(startMs),
    durationMonths: rng.weighted([
      [24, 35],
      [36, 40],
      [18, 10],
      [48, 10],
      [12, 5],
    ] as const),
    contractSigned: true,
    guardianName: officialName(guardian),
    guardianRelationship: relationship,
    guardianPhone: generatePhone(rng),
  };
};

function ageOn(birthDate: string, dayMs: number): number {
  const birth = new Date(`${birthDate}T00:00:00Z`);
  const day = new Date(dayMs);
  let age = day.getUTCFullYear() - birth.getUTCFullYear();
  const beforeBirthday =
    day.getUTCMonth() < birth.getUTCMonth() ||
    (day.getUTCMonth() === birth.getUTCMonth() && day.getUTCDate() < birth.getUTCDate());
  if (beforeBirthday) age--;
  return age;
}

/** Options of a select field, for scenarios that must follow the catalog (exam sessions). */
function optionValues(procedure: ProcedureDefinition, fieldId: string): string[] {
  for (const section of procedure.sections) {
    for (const field of section.fields) {
      if (field.id === fieldId && field.type === 'select') {
        return field.options.map((option) => option.value);
      }
    }
  }
  return [];
}

const examRegistration: Scenario = ({ rng, procedure, applicant, submittedDayMs }) => {
  const trade = tradeFor(rng, applicant.gender);
  const month = isoDay(submittedDayMs).slice(0, 7);
  const sessions = optionValues(procedure, 'session').sort();
  const session = sessions.find((value) => value >= month) ?? sessions[sessions.length - 1] ?? null;
  const startMs = submittedDayMs - rng.int(24, 48) * 30 * MS_PER_DAY;
  const master = generatePerson(rng, rng.chance(0.5) ? 'F' : 'M');
  return {
    apprenticeRegistrationNumber: `ENA-${yearOf(startMs)}-${rng.digits(6)}`,
    trade,
    masterName: officialName(master),
    apprenticeshipStartDate: isoDay(startMs),
    session,
    examCentre: rng.pick(EXAM_CENTRES_BY_REGION[applicant.region] ?? ['lomeTokoin']),
    specialNeeds: rng.chance(0.03) ? 'Candidat malentendant : consignes écrites demandées.' : null,
  };
};

const diploma: Scenario = ({ rng, procedure, applicant, submittedDayMs }) => {
  const month = isoDay(submittedDayMs).slice(0, 7);
  const sessions = optionValues(procedure, 'session').sort();
  const past = sessions.filter((value) => value < month);
  const session = past[past.length - 1] ?? sessions[0] ?? null;
  const result = rng.weighted([
    ['admis', 50],
    ['admisAssezBien', 30],
    ['admisBien', 15],
    ['admisTresBien', 5],
  ] as const);
  const [low, high] =
    result === 'admis'
      ? [10, 11.75]
      : result === 'admisAssezBien'
        ? [12, 13.75]
        : result === 'admisBien'
          ? [14, 15.75]
          : [16, 18.5];
  return {
    session,
    candidateNumber: `CFA-${(session ?? month).slice(0, 4)}-${rng.digits(5)}`,
    trade: tradeFor(rng, applicant.gender),
    examCentre: rng.pick(EXAM_CENTRES_BY_REGION[applicant.region] ?? ['lomeTokoin']),
    result,
    averageScore: rng.chance(0.8) ? low + rng.int(0, Math.round((high - low) * 4)) / 4 : null,
    collectionChamber: CHAMBER_BY_REGION[applicant.region] ?? 'crmGrandLome',
  };
};

const SCENARIOS: Record<string, Scenario> = {
  'COM-IMPEX': impex,
  'COM-APIPS': apips,
  'COM-AMM': amm,
  'COM-CO': certificateOfOrigin,
  'ART-CP': professionalCard,
  'ART-APP': apprentice,
  'ART-CFA': examRegistration,
  'ART-DIP': diploma,
};

// --- Fallback from field constraints -----------------------------------------------------------

function valueFromConstraints(field: FieldDefinition, context: FormContext): FormValue {
  const { rng } = context;
  switch (field.type) {
    case 'text': {
      const text = 'Renseigné par le demandeur';
      return field.maxLength !== undefined ? text.slice(0, field.maxLength) : text;
    }
    case 'longText':
      return 'Informations complémentaires fournies par le demandeur.';
    case 'number': {
      const min = field.min ?? 0;
      const max = field.max ?? min + 100;
      const value = min + rng.next() * (max - min);
      return field.integer ? Math.min(max, Math.ceil(value)) : Math.round(value * 100) / 100;
    }
    case 'amount': {
      const min = field.min ?? 0;
      const max = field.max ?? 50_000_000;
      return Math.min(max, Math.max(min, roundTo(rng.int(min, max), 1000)));
    }
    case 'date':
      return field.notInPast
        ? isoDay(context.submittedDayMs + rng.int(1, 60) * MS_PER_DAY)
        : daysBefore(context, 1, 365);
    case 'select':
      return rng.pick(field.options).value;
    case 'boolean':
      return rng.chance(0.8);
    case 'email':
      return context.applicant.email;
    case 'phone':
      return context.applicant.phone;
    case 'nif':
      return context.company?.nif ?? `10${rng.digits(8)}`;
    case 'rccm':
      return context.company?.rccm ?? `TG-LFW-01-2020-B12-${rng.digits(5)}`;
    case 'hsCode':
      return rng.pick(Object.keys(referenceData.sensitiveProducts));
    case 'country':
      return 'TG';
  }
}

/**
 * Builds `form` for the procedure: scenario values where they fit the catalog, values from the
 * field's constraints otherwise. Optional fields the scenario leaves null are omitted.
 */
export function generateForm(context: FormContext): Record<string, FormValue> {
  const scenario = SCENARIOS[context.procedure.code];
  const drafted = scenario ? scenario(context) : {};
  const form: Record<string, FormValue> = {};
  for (const section of context.procedure.sections) {
    for (const field of section.fields) {
      let value = Object.hasOwn(drafted, field.id) ? drafted[field.id] : undefined;
      if (
        field.type === 'select' &&
        value !== undefined &&
        value !== null &&
        !field.options.some((option) => option.value === value)
      ) {
        value = undefined;
      }
      if (value === undefined) {
        if (!field.required && context.rng.chance(0.5)) continue;
        value = valueFromConstraints(field, context);
      }
      if (value === null) {
        if (!field.required) continue;
        value = valueFromConstraints(field, context);
      }
      form[field.id] = value;
    }
  }
  return form;
}
