import type { Role } from '../../../shared/domain/roles';

export const ROLE_COLORS: Record<Role, string> = {
  agent: 'blue',
  superviseur: 'grape',
  administrateur: 'orange',
};
