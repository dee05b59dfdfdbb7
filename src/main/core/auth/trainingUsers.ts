import type { NewUser } from './usersRepository';

/**
 * Every training account's password. Public on purpose: the sign-in screen shows it in training
 * mode, and training data never reaches the real portal.
 */
export const TRAINING_PASSWORD = 'formation-2026';
/** scrypt of TRAINING_PASSWORD, computed once so seeding costs no start-up time. */
const TRAINING_PASSWORD_HASH =
  'scrypt$65536$8$1$kTh/0nAGcQRFL2F0dEF5gA==$+NJxHb9nGngrhmwfJpn3cMboTX4klX8JjXcabgUFPj0=';

/** The staff of the training office, seeded so a new install can be tried at once. */
export const TRAINING_USERS: readonly NewUser[] = (
  [
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
      id: 'u-agent-mawuli',
      username: 'mawuli.kpodar',
      displayName: 'Mawuli Kpodar',
      role: 'agent',
      officeCode: 'LOM',
      // Handles the crafts chamber's procedures only: balancing must respect it.
      procedureCodes: ['ART-CP', 'ART-APP', 'ART-CFA', 'ART-DIP'],
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
  ] as NewUser[]
).map((user) => ({ ...user, passwordHash: TRAINING_PASSWORD_HASH }));
