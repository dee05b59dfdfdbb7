/** The same rule the core enforces (contract's newPasswordSchema), checked as the user types. */
export const MIN_PASSWORD_LENGTH = 10;

export function newPasswordProblem(next: string, confirm: string): 'tooShort' | 'mismatch' | null {
  if (next.length < MIN_PASSWORD_LENGTH) return 'tooShort';
  if (next !== confirm) return 'mismatch';
  return null;
}
