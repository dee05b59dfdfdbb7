import { ApiCallError } from '../../../shared/api/client';
import { apiContract, type MethodName } from '../../../shared/api/contract';
import type { ApiFieldIssue } from '../../../shared/api/result';

/**
 * A form's fields checked by the contract's own schema, the one the dispatcher applies: the form
 * says beside a field what the core would refuse, with no second copy of the rules.
 */
export function contractIssues(method: MethodName, input: unknown): Map<string, string> {
  const parsed = apiContract[method].input.safeParse(input);
  const issues = new Map<string, string>();
  if (parsed.success) return issues;
  for (const issue of parsed.error.issues) {
    const field = issue.path.map(String).join('.');
    if (field && !issues.has(field)) issues.set(field, issue.message);
  }
  return issues;
}

/** The fields a refusal names (`invalid_input`, or a core rule about one field). */
export function refusedFields(error: unknown): readonly ApiFieldIssue[] {
  return error instanceof ApiCallError ? (error.error.issues ?? []) : [];
}

/** The value at a dotted path (`holidays.3.date`) of an input. */
export function valueAt(input: unknown, field: string): unknown {
  let value = input;
  for (const key of field.split('.')) {
    if (typeof value !== 'object' || value === null) return undefined;
    value = (value as Record<string, unknown>)[key];
  }
  return value;
}

export const sameValue = (a: unknown, b: unknown) => JSON.stringify(a) === JSON.stringify(b);
