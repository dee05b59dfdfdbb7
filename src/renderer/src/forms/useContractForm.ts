import { useCallback, useState } from 'react';
import type { MethodName } from '../../../shared/api/contract';
import { refusalText } from '../api/errorMessage';
import { contractIssues, refusedFields, sameValue, valueAt } from './contractFields';

export interface ContractFormOptions {
  method: MethodName;
  /** The draft exactly as it would be sent. */
  input: unknown;
  /** The fields the form shows: a refusal naming another goes to the form's general alert. */
  shows(field: string): boolean;
  /** The sentence for a field the schema refuses, in the user's language (else the schema's). */
  messageOf(field: string, value: unknown): string | undefined;
  /** The form's own rules beyond the schema (« la fermeture suit l'ouverture »), by field. */
  rules?: Record<string, string | undefined>;
  /** The last attempt: a refusal naming fields is shown beside them until they change. */
  refusal: { error: unknown; variables: unknown };
  /** Show every error at once (a table being edited), not only after leaving a field. */
  immediate?: boolean;
}

export interface ContractForm {
  /** What to show beside the field, if anything. */
  errorOf(field: string): string | undefined;
  /** For `onBlur`: the field's problems show from now on. */
  touch(field: string): () => void;
  /** The draft passes the contract and the form's rules. */
  valid: boolean;
  /** Submit pressed on an invalid draft: show every problem. */
  attempt(): void;
  /** The refusal names no field shown here: the form shows it as a whole. */
  refusalUnplaced: boolean;
}

/**
 * One form's errors: the contract's schema and the form's rules on the draft, shown beside each
 * field once it was left (or at the first attempt), and the core's refusal of a field beside it
 * until the field changes.
 */
export function useContractForm(options: ContractFormOptions): ContractForm {
  const { method, input, shows, messageOf, rules, refusal, immediate = false } = options;
  const [touched, setTouched] = useState<ReadonlySet<string>>(() => new Set());
  const [attempted, setAttempted] = useState(false);
  const issues = contractIssues(method, input);
  const refused = refusedFields(refusal.error);

  const local = new Map<string, string>();
  for (const [field, schemaMessage] of issues) {
    local.set(field, messageOf(field, valueAt(input, field)) ?? schemaMessage);
  }
  for (const [field, message] of Object.entries(rules ?? {})) {
    if (message && !local.has(field)) local.set(field, message);
  }
  const placed = refused.filter((issue) => shows(issue.field));
  const touch = useCallback(
    (field: string) => () =>
      setTouched((current) => (current.has(field) ? current : new Set([...current, field]))),
    [],
  );

  return {
    errorOf(field) {
      const own = local.get(field);
      if (own !== undefined && (immediate || attempted || touched.has(field))) return own;
      const fromCore = placed.find((issue) => issue.field === field);
      // Shown while the field still holds what was refused.
      return fromCore &&
        sameValue(valueAt(input, field), valueAt(refusal.variables, fromCore.field))
        ? refusalText(fromCore.reason, fromCore.message)
        : undefined;
    },
    touch,
    valid: local.size === 0,
    attempt: () => setAttempted(true),
    refusalUnplaced:
      refusal.error != null && (refused.length === 0 || placed.length < refused.length),
  };
}
