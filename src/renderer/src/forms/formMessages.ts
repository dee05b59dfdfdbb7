/**
 * What forms say beside a field (issue 19): the rule the contract applies, in the user's words.
 * French first; `formsEn` has the same keys.
 */
export const formsFr = {
  /** « 120 / 2000 » under a text box with a limit. */
  counter: '{{count}} / {{max}}',
  tooLong: 'Trop long : {{max}} caractères au plus (actuellement {{count}}).',
  user: {
    displayName: 'Le nom complet compte de 2 à 120 caractères.',
    username:
      'De 3 à 64 caractères : lettres sans accent, chiffres, « . », « _ » ou « - » (ex. dzifa.akakpo).',
    temporaryPassword: 'Au moins 10 caractères (200 au plus).',
  },
  office: {
    name: 'Le nom du bureau compte de 2 à 120 caractères.',
    region: 'La région compte de 2 à 60 caractères.',
    numberingCode: 'De 2 à 10 lettres sans accent ni chiffre (ex. LOM ou LOMB).',
    clock: 'Heure au format HH:MM.',
    lockAfterMinutes: 'Un nombre entier de minutes, entre 1 et 240.',
  },
  holidays: {
    dateInvalid: 'Date invalide : ce jour n’existe pas',
    dateFormat: 'Au format JJ/MM/AAAA',
    labelTooLong: 'Libellé trop long : 120 caractères au plus',
  },
  /** The date and time pickers (admin/DayInput, forms/ClockInput). */
  pickers: {
    dayPlaceholder: 'JJ/MM/AAAA',
    clearDay: 'Effacer la date',
    previousMonth: 'Mois précédent',
    nextMonth: 'Mois suivant',
    previousYear: 'Année précédente',
    nextYear: 'Année suivante',
    previousDecade: 'Décennie précédente',
    nextDecade: 'Décennie suivante',
    hours: 'Heures',
    minutes: 'Minutes',
    clockPlaceholder: '--',
  },
};

export const formsEn: typeof formsFr = {
  counter: '{{count}} / {{max}}',
  tooLong: 'Too long: {{max}} characters at most (currently {{count}}).',
  user: {
    displayName: 'The full name has 2 to 120 characters.',
    username:
      '3 to 64 characters: unaccented letters, digits, “.”, “_” or “-” (e.g. dzifa.akakpo).',
    temporaryPassword: 'At least 10 characters (200 at most).',
  },
  office: {
    name: 'The office name has 2 to 120 characters.',
    region: 'The region has 2 to 60 characters.',
    numberingCode: '2 to 10 letters, no accent or digit (e.g. LOM or LOMB).',
    clock: 'Time as HH:MM.',
    lockAfterMinutes: 'A whole number of minutes, between 1 and 240.',
  },
  holidays: {
    dateInvalid: 'Invalid date: this day does not exist',
    dateFormat: 'As DD/MM/YYYY',
    labelTooLong: 'Label too long: 120 characters at most',
  },
  pickers: {
    dayPlaceholder: 'DD/MM/YYYY',
    clearDay: 'Clear the date',
    previousMonth: 'Previous month',
    nextMonth: 'Next month',
    previousYear: 'Previous year',
    nextYear: 'Next year',
    previousDecade: 'Previous decade',
    nextDecade: 'Next decade',
    hours: 'Hours',
    minutes: 'Minutes',
    clockPlaceholder: '--',
  },
};
