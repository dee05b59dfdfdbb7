/**
 * What the inbox says while a bulk first sync fills and prepares the cache (issue 18 §4). French
 * first; `en` must have the same keys.
 */
export const cachePreparationFr = {
  title: 'Préparation du poste',
  loading: 'Téléchargement des dossiers : {{done}} / {{total}}',
  indexes: 'Préparation des listes… ({{done}} / {{total}})',
  search: 'Préparation de la recherche… {{done}} / {{total}}',
  tallies: 'Calcul des compteurs…',
  pending: 'Préparation interrompue : elle reprend à la prochaine synchronisation.',
  notYet:
    'La recherche ne trouve rien et les compteurs ne sont pas justes tant que la préparation n’est pas terminée ; les listes peuvent être lentes.',
  progressLabel: 'Avancement de la préparation',
};

export const cachePreparationEn: typeof cachePreparationFr = {
  title: 'Preparing this desk',
  loading: 'Downloading cases: {{done}} / {{total}}',
  indexes: 'Preparing the lists… ({{done}} / {{total}})',
  search: 'Preparing search… {{done}} / {{total}}',
  tallies: 'Computing the counts…',
  pending: 'Preparation interrupted: it resumes at the next sync.',
  notYet:
    'Search finds nothing and counts are not right until preparation is over; lists may be slow.',
  progressLabel: 'Preparation progress',
};
