import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadCatalog } from '../../src/main/core/catalog/loadCatalog';
import type { ProcedureDefinition } from '../../src/shared/catalog/procedureSchema';
import { isValidIsoDate, validateForm } from '../../src/shared/catalog/validateForm';
import type { FormValue } from '../../src/shared/portal/portalApplication';

const catalog = loadCatalog(join(import.meta.dirname, '..', '..', 'resources', 'procedures'));
const TODAY = '2025-06-15';

/** A procedure with one field of every type, to exercise each rule in isolation. */
const allTypes: ProcedureDefinition = {
  ...catalog.get('COM-IMPEX')!,
  sections: [
    {
      id: 'tout',
      title: { fr: 'Tout', en: 'All' },
      fields: [
        {
          id: 'name',
          type: 'text',
          label: { fr: 'Nom', en: 'Name' },
          required: true,
          minLength: 2,
          maxLength: 10,
        },
        {
          id: 'cardNo',
          type: 'text',
          label: { fr: 'Numéro de carte', en: 'Card number' },
          required: false,
          pattern: 'CIE-[0-9]{4}',
          patternHint: { fr: 'ex. CIE-2024', en: 'e.g. CIE-2024' },
        },
        {
          id: 'notes',
          type: 'longText',
          label: { fr: 'Notes', en: 'Notes' },
          required: false,
          maxLength: 20,
        },
        {
          id: 'qty',
          type: 'number',
          label: { fr: 'Quantité', en: 'Quantity' },
          required: true,
          integer: true,
          min: 1,
          max: 100,
        },
        {
          id: 'value',
          type: 'amount',
          currency: 'XOF',
          label: { fr: 'Valeur', en: 'Value' },
          required: true,
          min: 1000,
          max: 1_000_000,
        },
        {
          id: 'invoiceDate',
          type: 'date',
          label: { fr: 'Date de facture', en: 'Invoice date' },
          required: true,
          notInFuture: true,
          notInPast: false,
        },
        {
          id: 'arrival',
          type: 'date',
          label: { fr: "Date d'arrivée", en: 'Arrival' },
          required: false,
          notInFuture: false,
          notInPast: true,
        },
        {
          id: 'unit',
          type: 'select',
          label: { fr: 'Unité', en: 'Unit' },
          required: true,
          options: [
            { value: 't', label: { fr: 'Tonnes', en: 'Tonnes' } },
            { value: 'kg', label: { fr: 'Kilogrammes', en: 'Kilograms' } },
          ],
        },
        { id: 'signed', type: 'boolean', label: { fr: 'Signé', en: 'Signed' }, required: true },
        { id: 'mail', type: 'email', label: { fr: 'Courriel', en: 'E-mail' }, required: false },
        { id: 'tel', type: 'phone', label: { fr: 'Téléphone', en: 'Phone' }, required: false },
        { id: 'taxId', type: 'nif', label: { fr: 'NIF', en: 'Tax id' }, required: false },
        { id: 'register', type: 'rccm', label: { fr: 'RCCM', en: 'Register' }, required: false },
        { id: 'hs', type: 'hsCode', label: { fr: 'Code SH', en: 'HS code' }, required: false },
        { id: 'origin', type: 'country', label: { fr: 'Origine', en: 'Origin' }, required: false },
      ],
    },
  ],
};

const valid: Record<string, FormValue> = {
  name: 'Amouzou',
  cardNo: 'CIE-2024',
  notes: 'RAS',
  qty: 12,
  value: 250_000,
  invoiceDate: '2025-06-01',
  arrival: '2025-07-01',
  unit: 't',
  signed: false,
  mail: 'kossi.amouzou@gmail.com',
  tel: '+228 90 12 34 56',
  taxId: '1000234567',
  register: 'TG-LFW-01-2024-B12-00345',
  hs: '100630',
  origin: 'TH',
};

function issuesFor(patch: Record<string, FormValue | undefined>) {
  const form: Record<string, FormValue> = { ...valid };
  for (const [key, value] of Object.entries(patch)) {
    if (value === undefined) delete form[key];
    else form[key] = value;
  }
  return validateForm(allTypes, form, TODAY);
}

function onlyError(patch: Record<string, FormValue | undefined>, fieldId: string): string {
  const issues = issuesFor(patch);
  expect(issues).toHaveLength(1);
  expect(issues[0]).toMatchObject({ fieldId, severity: 'error' });
  return issues[0]!.message;
}

describe('validateForm', () => {
  it('accepts a complete, valid form', () => {
    expect(validateForm(allTypes, valid, TODAY)).toEqual([]);
  });

  it('reports missing required fields, and ignores missing optional ones', () => {
    expect(onlyError({ name: undefined }, 'name')).toBe('Le champ « Nom » est obligatoire.');
    expect(onlyError({ qty: null }, 'qty')).toContain('obligatoire');
    expect(onlyError({ name: '   ' }, 'name')).toContain('obligatoire');
    expect(issuesFor({ notes: undefined, mail: null, arrival: '' })).toEqual([]);
    // false is an answer, not a missing value.
    expect(issuesFor({ signed: false })).toEqual([]);
  });

  it('checks text lengths and patterns', () => {
    expect(onlyError({ name: 'A' }, 'name')).toContain('au moins 2 caractères');
    expect(onlyError({ name: 'Koudjo-Lawson Kossi' }, 'name')).toContain('ne doit pas dépasser 10');
    expect(onlyError({ cardNo: 'CIE-24' }, 'cardNo')).toContain('ex. CIE-2024');
    // The pattern must match the whole value.
    expect(onlyError({ cardNo: 'XCIE-2024' }, 'cardNo')).toContain('format attendu');
    expect(onlyError({ notes: 'x'.repeat(21) }, 'notes')).toContain('20 caractères');
    expect(onlyError({ name: 42 }, 'name')).toContain('doit être un texte');
  });

  it('checks numbers and amounts', () => {
    expect(onlyError({ qty: '12' }, 'qty')).toContain('doit être un nombre');
    expect(onlyError({ qty: 2.5 }, 'qty')).toContain('entier');
    expect(onlyError({ qty: 0 }, 'qty')).toContain('supérieur ou égal à 1');
    expect(onlyError({ qty: 101 }, 'qty')).toContain('inférieur ou égal à 100');
    expect(onlyError({ qty: Number.NaN }, 'qty')).toContain('nombre');
    expect(onlyError({ value: 999 }, 'value')).toContain("d'au moins 1 000 FCFA");
    expect(onlyError({ value: 2_000_000 }, 'value')).toContain('1 000 000 FCFA');
    expect(onlyError({ value: 1500.5 }, 'value')).toContain('décimales');
    expect(onlyError({ value: -5 }, 'value')).toContain('négatif');
  });

  it('checks dates: real calendar days, not in the future, not in the past', () => {
    expect(onlyError({ invoiceDate: '2025-02-31' }, 'invoiceDate')).toContain('date valide');
    expect(onlyError({ invoiceDate: '15/06/2025' }, 'invoiceDate')).toContain('AAAA-MM-JJ');
    expect(onlyError({ invoiceDate: '2025-06-16' }, 'invoiceDate')).toBe(
      'Le champ « Date de facture » ne peut pas être dans le futur (16/06/2025).',
    );
    expect(issuesFor({ invoiceDate: TODAY })).toEqual([]);
    expect(onlyError({ arrival: '2025-06-14' }, 'arrival')).toContain('dans le passé');
    expect(issuesFor({ arrival: TODAY })).toEqual([]);
    expect(isValidIsoDate('2024-02-29')).toBe(true);
    expect(isValidIsoDate('2025-02-29')).toBe(false);
    expect(isValidIsoDate('2025-13-01')).toBe(false);
  });

  it('checks select options and booleans', () => {
    expect(onlyError({ unit: 'litre' }, 'unit')).toContain('« litre »');
    expect(onlyError({ unit: 1 }, 'unit')).toContain('choix proposés');
    expect(onlyError({ signed: 'oui' }, 'signed')).toContain('oui ou non');
  });

  it('checks the national identifier formats', () => {
    expect(onlyError({ taxId: '123456789' }, 'taxId')).toContain('10 chiffres');
    expect(onlyError({ taxId: '10002345AB' }, 'taxId')).toContain('NIF');
    expect(onlyError({ register: 'TG-LOM-2024-B-345' }, 'register')).toContain(
      'TG-XXX-00-0000-B00-00000',
    );
    expect(issuesFor({ register: 'TG-KRA-02-2019-A15-01234' })).toEqual([]);
    expect(onlyError({ tel: '+228 90123456' }, 'tel')).toContain('+228 XX XX XX XX');
    expect(onlyError({ tel: '90 12 34 56' }, 'tel')).toContain('+228');
    expect(onlyError({ hs: '100' }, 'hs')).toContain('4 à 10 chiffres');
    expect(onlyError({ hs: '1006.30' }, 'hs')).toContain('code SH');
    expect(onlyError({ hs: '10063000001' }, 'hs')).toContain('code SH');
    expect(issuesFor({ hs: '1006300000' })).toEqual([]);
    expect(onlyError({ mail: 'kossi.amouzou@gmail' }, 'mail')).toContain('adresse électronique');
    expect(onlyError({ mail: 'kossi amouzou@gmail.com' }, 'mail')).toContain('électronique');
    expect(onlyError({ origin: 'Thaïlande' }, 'origin')).toContain('code pays');
  });

  it('warns about keys the procedure does not know, without failing the form', () => {
    const issues = issuesFor({ couleurPreferee: 'bleu' });
    expect(issues).toEqual([
      {
        fieldId: 'couleurPreferee',
        severity: 'warning',
        message: expect.stringContaining('ne fait pas partie de la procédure COM-IMPEX'),
      },
    ]);
  });

  it('lists issues in the order of the fields, then unknown keys', () => {
    const issues = issuesFor({ extra: 1, unit: 'x', name: undefined });
    expect(issues.map((issue) => issue.fieldId)).toEqual(['name', 'unit', 'extra']);
  });

  it('validates the real catalog fields (COM-APIPS)', () => {
    const procedure = catalog.get('COM-APIPS')!;
    const issues = validateForm(
      procedure,
      {
        importerCardNumber: 'CIE-2025-001234',
        productDescription: 'Riz blanchi brisé 25 %',
        hsCode: '1006',
        quantity: 500,
        quantityUnit: 't',
        cifValue: 170_000_000,
        originCountry: 'TH',
        entryPoint: 'portLome',
        proformaInvoiceNumber: 'PF-2025-0142',
        proformaInvoiceDate: '2025-07-01',
      },
      TODAY,
    );
    expect(issues).toEqual([
      expect.objectContaining({ fieldId: 'proformaInvoiceDate', severity: 'error' }),
    ]);
  });
});
