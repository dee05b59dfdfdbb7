import type { FormValue } from '../portal/portalApplication';
import { procedureFields, type FieldDefinition, type ProcedureDefinition } from './procedureSchema';

/**
 * Pure validation of a submitted form against its procedure definition. Runs in the renderer (as
 * the clerk reads a case), in the core (on arrival from the portal) and in the simulator (to prove
 * generated data is valid), so it imports nothing from Node or Electron.
 */
export interface FormIssue {
  fieldId: string;
  severity: 'error' | 'warning';
  /** French, addressed to a clerk: says what is wrong. */
  message: string;
}

const ISO_DATE = /^(\d{4})-(\d{2})-(\d{2})$/;
const NIF = /^\d{10}$/;
const RCCM = /^TG-[A-Z]{3}-\d{2}-\d{4}-[AB]\d{2}-\d{5}$/;
const PHONE = /^\+228 \d{2} \d{2} \d{2} \d{2}$/;
const HS_CODE = /^\d{4,10}$/;
const COUNTRY = /^[A-Z]{2}$/;
// Deliberately simple: one @, no spaces, a dot in the domain. The portal confirms addresses itself.
const EMAIL = /^[^\s@]+@[^\s@.]+(\.[^\s@.]+)+$/;

const amountFormatter = new Intl.NumberFormat('fr-FR', { maximumFractionDigits: 3 });
const formatNumber = (value: number) => amountFormatter.format(value).replace(/\u202f/g, ' ');

/** `YYYY-MM-DD` that names a real calendar day (no 31 February). */
export function isValidIsoDate(value: string): boolean {
  const match = ISO_DATE.exec(value);
  if (!match) return false;
  const year = Number(match[1]);
  const month = Number(match[2]);
  const day = Number(match[3]);
  if (month < 1 || month > 12 || day < 1) return false;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  return day <= daysInMonth;
}

function frenchDate(iso: string): string {
  const [year, month, day] = iso.split('-');
  return `${day}/${month}/${year}`;
}

const patternCache = new Map<string, RegExp | null>();

/** Catalog patterns must match the whole value; a pattern that does not compile is ignored. */
function compiledPattern(pattern: string): RegExp | null {
  let compiled = patternCache.get(pattern);
  if (compiled === undefined) {
    try {
      compiled = new RegExp(`^(?:${pattern})$`, 'u');
    } catch {
      compiled = null;
    }
    patternCache.set(pattern, compiled);
  }
  return compiled;
}

const isEmpty = (value: FormValue | undefined) =>
  value === undefined || value === null || (typeof value === 'string' && value.trim() === '');

/** Returns the problem with a non-empty value, or null when the value is acceptable. */
function checkValue(field: FieldDefinition, value: FormValue, today: string): string | null {
  switch (field.type) {
    case 'text': {
      if (typeof value !== 'string') return 'doit être un texte.';
      const length = value.trim().length;
      if (field.minLength !== undefined && length < field.minLength) {
        return `doit contenir au moins ${field.minLength} caractères (actuellement ${length}).`;
      }
      if (field.maxLength !== undefined && length > field.maxLength) {
        return `ne doit pas dépasser ${field.maxLength} caractères (actuellement ${length}).`;
      }
      if (field.pattern !== undefined) {
        const pattern = compiledPattern(field.pattern);
        if (pattern && !pattern.test(value.trim())) {
          return field.patternHint
            ? `n'a pas le format attendu (${field.patternHint.fr}).`
            : "n'a pas le format attendu.";
        }
      }
      return null;
    }
    case 'longText': {
      if (typeof value !== 'string') return 'doit être un texte.';
      if (field.maxLength !== undefined && value.length > field.maxLength) {
        return `ne doit pas dépasser ${field.maxLength} caractères (actuellement ${value.length}).`;
      }
      return null;
    }
    case 'number': {
      if (typeof value !== 'number' || !Number.isFinite(value)) return 'doit être un nombre.';
      if (field.integer && !Number.isInteger(value)) return 'doit être un nombre entier.';
      if (field.min !== undefined && value < field.min) {
        return `doit être supérieur ou égal à ${formatNumber(field.min)}.`;
      }
      if (field.max !== undefined && value > field.max) {
        return `doit être inférieur ou égal à ${formatNumber(field.max)}.`;
      }
      return null;
    }
    case 'amount': {
      if (typeof value !== 'number' || !Number.isFinite(value)) {
        return 'doit être un montant en FCFA (nombre).';
      }
      if (!Number.isInteger(value))
        return "doit être un montant entier : le FCFA n'a pas de décimales.";
      if (value < 0) return 'ne peut pas être négatif.';
      if (field.min !== undefined && value < field.min) {
        return `doit être d'au moins ${formatNumber(field.min)} FCFA.`;
      }
      if (field.max !== undefined && value > field.max) {
        return `ne doit pas dépasser ${formatNumber(field.max)} FCFA.`;
      }
      return null;
    }
    case 'date': {
      if (typeof value !== 'string' || !isValidIsoDate(value)) {
        return "n'est pas une date valide (format attendu AAAA-MM-JJ).";
      }
      if (field.notInFuture && value > today) {
        return `ne peut pas être dans le futur (${frenchDate(value)}).`;
      }
      if (field.notInPast && value < today) {
        return `ne peut pas être dans le passé (${frenchDate(value)}).`;
      }
      return null;
    }
    case 'select': {
      if (typeof value !== 'string') return 'doit être un des choix proposés.';
      if (!field.options.some((option) => option.value === value)) {
        return `contient « ${value} », qui ne fait pas partie des choix proposés.`;
      }
      return null;
    }
    case 'boolean':
      return typeof value === 'boolean' ? null : 'doit être oui ou non.';
    case 'email':
      return typeof value === 'string' && EMAIL.test(value) && value.length <= 200
        ? null
        : "n'est pas une adresse électronique valide.";
    case 'phone':
      return typeof value === 'string' && PHONE.test(value)
        ? null
        : "n'est pas un numéro valide (format attendu +228 XX XX XX XX).";
    case 'nif':
      return typeof value === 'string' && NIF.test(value)
        ? null
        : "n'est pas un NIF valide (10 chiffres attendus).";
    case 'rccm':
      return typeof value === 'string' && RCCM.test(value)
        ? null
        : "n'est pas un numéro RCCM valide (format attendu TG-XXX-00-0000-B00-00000).";
    case 'hsCode':
      return typeof value === 'string' && HS_CODE.test(value)
        ? null
        : "n'est pas un code SH valide (4 à 10 chiffres, sans points).";
    case 'country':
      return typeof value === 'string' && COUNTRY.test(value)
        ? null
        : "n'est pas un code pays valide (code ISO à deux lettres, ex. TG).";
  }
}

/**
 * Checks a form against the procedure's fields. `today` (YYYY-MM-DD) is the reference day for
 * "not in the future / not in the past" rules, passed in so the result never depends on the clock.
 * Issues come in the order of the procedure's fields, then unknown keys.
 */
export function validateForm(
  procedure: ProcedureDefinition,
  form: Readonly<Record<string, FormValue>>,
  today: string,
): FormIssue[] {
  const issues: FormIssue[] = [];
  const fields = procedureFields(procedure);
  const known = new Set<string>();
  for (const field of fields) {
    known.add(field.id);
    const value = Object.hasOwn(form, field.id) ? form[field.id] : undefined;
    const label = `« ${field.label.fr} »`;
    if (isEmpty(value)) {
      if (field.required) {
        issues.push({
          fieldId: field.id,
          severity: 'error',
          message: `Le champ ${label} est obligatoire.`,
        });
      }
      continue;
    }
    const problem = checkValue(field, value as FormValue, today);
    if (problem !== null) {
      issues.push({
        fieldId: field.id,
        severity: 'error',
        message: `Le champ ${label} ${problem}`,
      });
    }
  }
  for (const key of Object.keys(form)) {
    if (!known.has(key)) {
      issues.push({
        fieldId: key,
        severity: 'warning',
        message: `Le champ « ${key} » ne fait pas partie de la procédure ${procedure.code} ; il sera ignoré.`,
      });
    }
  }
  return issues;
}
