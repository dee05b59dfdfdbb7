/**
 * The one French line a desk shows when its portal speaks only API v1 (design multi-desk §3.1):
 * in « À propos » and « Postes de travail » for a desk alone, and as the sync status of an
 * enrolled desk, whose sync then pauses (local work goes on and queues).
 */
export const V1_ONLY_LINE =
  "Le portail configuré ne connaît que l'API v1 : le travail à plusieurs postes n'est pas disponible, ce poste travaille seul — demandez au ministère l'API v2 ou le concentrateur.";
