import type { NewUser } from './usersRepository';

/** The staff of the training office, seeded so a new install can be tried at once. */
export const TRAINING_USERS: readonly NewUser[] = [
  {
    id: 'u-agent-kossi',
    username: 'kossi.agbodjan',
    displayName: 'Kossi Agbodjan',
    role: 'agent',
    officeCode: 'LOM',
  },
  {
    id: 'u-agent-akossiwa',
    username: 'akossiwa.mensah',
    displayName: 'Akossiwa Mensah',
    role: 'agent',
    officeCode: 'LOM',
  },
  {
    id: 'u-agent-essowe',
    username: 'essowe.tchala',
    displayName: 'Essowè Tchala',
    role: 'agent',
    officeCode: 'KAR',
  },
  {
    id: 'u-sup-ablavi',
    username: 'ablavi.lawson',
    displayName: 'Ablavi Lawson',
    role: 'superviseur',
    officeCode: 'LOM',
  },
  {
    id: 'u-admin-edem',
    username: 'edem.dossou',
    displayName: 'Edem Dossou',
    role: 'administrateur',
    officeCode: 'LOM',
  },
];
