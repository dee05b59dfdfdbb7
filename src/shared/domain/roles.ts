export const ROLES = ['agent', 'superviseur', 'administrateur'] as const;
export type Role = (typeof ROLES)[number];
