/** Codes, identifiers and passwords are easier to read in a fixed-width font; their labels are not. */
export const MONOSPACE_INPUT = {
  input: { fontFamily: 'var(--mantine-font-family-monospace)' },
} as const;
