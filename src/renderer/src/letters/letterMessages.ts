/**
 * Decision letters (issue 20 §1) on the case page and in the decision dialogs: the preview of the
 * letter a decision would send, and the « Courriers » a case's decisions produced. French first;
 * `en` has the same keys.
 */
export const lettersFr = {
  title: 'Courriers',
  intro: 'Les courriers notifiés au demandeur avec les décisions, signés et numérotés.',
  loading: 'Chargement des courriers…',
  loadFailed: 'Courriers indisponibles',
  kind: {
    rejection: 'Notification de rejet',
    info_request: 'Demande de pièces complémentaires',
    approval: 'Notification d’approbation',
  },
  line: 'N° {{number}} — {{date}}, par {{name}}',
  open: 'Ouvrir',
  close: 'Fermer',
  print: 'Imprimer',
  save: 'Enregistrer',
  documentTitle: 'Courrier n° {{number}}',
  fileError: 'Courrier illisible',
  verify: {
    addressee: 'Destinataire',
    issuedOn: 'Émis le',
  },
  preview: {
    title: 'Aperçu du courrier',
    hint: 'Le courrier envoyé au demandeur avec cette décision. L’aperçu n’est ni numéroté ni signé ; il suit ce que vous saisissez.',
    waiting: 'L’aperçu apparaîtra dès que la décision sera complète.',
    loading: 'Préparation de l’aperçu…',
    failed: 'Aperçu indisponible',
    label: 'Aperçu du courrier au demandeur',
  },
};

type Shape<T> = { readonly [K in keyof T]: T[K] extends string ? string : Shape<T[K]> };

export const lettersEn: Shape<typeof lettersFr> = {
  title: 'Letters',
  intro: 'The letters sent to the applicant with the decisions, signed and numbered.',
  loading: 'Loading letters…',
  loadFailed: 'Letters unavailable',
  kind: {
    rejection: 'Rejection notice',
    info_request: 'Request for additional documents',
    approval: 'Approval notice',
  },
  line: 'No. {{number}} — {{date}}, by {{name}}',
  open: 'Open',
  close: 'Close',
  print: 'Print',
  save: 'Save',
  documentTitle: 'Letter no. {{number}}',
  fileError: 'Letter unreadable',
  verify: {
    addressee: 'Addressee',
    issuedOn: 'Issued on',
  },
  preview: {
    title: 'Letter preview',
    hint: 'The letter sent to the applicant with this decision. The preview is neither numbered nor signed; it follows what you type.',
    waiting: 'The preview appears once the decision is complete.',
    loading: 'Preparing the preview…',
    failed: 'Preview unavailable',
    label: 'Preview of the letter to the applicant',
  },
};
