/**
 * The desk's layout at 1366×768 (issue 19): the sidebar's collapse, the case's decision column and
 * the checklist's inline feedback. French first; `en` must have the same keys.
 */
export const layoutFr = {
  collapseNav: 'Réduire le menu latéral',
  expandNav: 'Déplier le menu latéral',
  decisionColumn: 'Décision et liste de contrôle',
  tickSaving: 'Enregistrement…',
  tickSaved: 'Enregistré',
  tickFailed: 'Non enregistré : {{reason}}',
  /** The × of a chosen file (the certificate's PDF on the verification screen). */
  clearFile: 'Retirer le fichier',
} as const;

export const layoutEn: { readonly [K in keyof typeof layoutFr]: string } = {
  collapseNav: 'Collapse the sidebar',
  expandNav: 'Expand the sidebar',
  decisionColumn: 'Decision and checklist',
  tickSaving: 'Saving…',
  tickSaved: 'Saved',
  tickFailed: 'Not saved: {{reason}}',
  clearFile: 'Remove the file',
};
