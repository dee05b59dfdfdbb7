/**
 * « À régulariser » and the outbox view's strings (issue 17). French first; `en` must have the
 * same keys. Each worklist row is one sentence of what happened (`what`) and one of what to do
 * (`todo`); the core's own French detail (the portal's reason) is shown under them as it is.
 */
export const syncWorkFr = {
  nav: 'À régulariser',
  navSection: 'Synchronisation',
  outboxNav: 'Envois au portail',
  worklist: {
    title: 'À régulariser',
    intro:
      'Les dossiers que la synchronisation ne peut pas régler seule : chacun attend une décision de votre part.',
    count_one: '{{formatted}} élément à régulariser',
    count_other: '{{formatted}} éléments à régulariser',
    shown: '{{shown}} premiers affichés sur {{total}}',
    empty: 'Rien à régulariser',
    emptyHint:
      'Aucun conflit, aucune action refusée, aucun enregistrement en quarantaine, aucune pièce en échec pour votre bureau.',
    loadError: 'Impossible de charger la liste à régulariser',
    updating: 'Mise à jour…',
    listLabel: 'Éléments à régulariser',
    openCase: 'Ouvrir le dossier',
    openQuarantine: 'Voir la quarantaine',
    outboxLink: 'Voir les envois au portail',
    detail: 'Motif : {{detail}}',
    at: 'Le {{date}}',
    atUnknown: 'Date inconnue',
    seen_one: 'Reçu {{count}} fois',
    seen_other: 'Reçu {{count}} fois',
    noReference: 'Identifiant portail : {{id}}',
    noId: 'Sans identifiant',
    kinds: {
      conflict: 'Conflit',
      refused_action: 'Action refusée',
      quarantined: 'Quarantaine',
      document_failed: 'Pièce non téléchargée',
    },
    filterAll: 'Tout',
    what: {
      conflict:
        'Le portail a modifié ce dossier alors que « {{action}} » n’avait pas encore été transmise.',
      conflictNoAction: 'Le portail a modifié ce dossier alors que des actions attendaient.',
      refused: 'Le portail a refusé l’action « {{action}} » faite dans Bureau.',
      refusedMany:
        'Le portail a refusé l’action « {{action}} » et {{more}} autre(s) faite(s) dans Bureau.',
      quarantined: 'Un enregistrement envoyé par le portail est invalide : il n’a pas été importé.',
      documents_one: '{{count}} pièce jointe n’a pas pu être téléchargée depuis le portail.',
      documents_other: '{{count}} pièces jointes n’ont pas pu être téléchargées depuis le portail.',
    },
    todo: {
      conflict:
        'Ouvrez le dossier, comparez les deux versions et choisissez celle à garder ; rien n’est envoyé d’ici là.',
      refused:
        'Ouvrez le dossier : gardez la version du portail pour abandonner l’action, ou la vôtre pour la renvoyer.',
      quarantined:
        'Signalez-le à l’administrateur du portail ; il sera importé dès que le portail l’enverra corrigé.',
      documents:
        'Consultez le dossier sans ces pièces ou demandez-les au demandeur, et signalez-le à l’administrateur du portail.',
      readOnly:
        'Un agent ou un superviseur du bureau doit ouvrir le dossier et choisir la version à garder.',
    },
  },
  outbox: {
    title: 'Envois au portail',
    intro:
      'Chaque action faite dans Bureau part au portail dans l’ordre, dossier par dossier. Une action refusée bloque les suivantes du même dossier jusqu’à votre décision.',
    filters: {
      all: 'Toutes',
      waiting: 'En attente',
      refused: 'Refusées',
      sent: 'Envoyées',
      cancelled: 'Annulées',
    },
    filterLabel: 'Afficher les actions',
    states: {
      pending: 'En attente',
      sending: 'Envoi en cours',
      sent: 'Envoyée',
      failed: 'Refusée',
      cancelled: 'Annulée',
    },
    columns: {
      case: 'Dossier',
      action: 'Action',
      createdAt: 'Faite le',
      state: 'État',
      detail: 'Détail',
    },
    sentAt: 'Reçue par le portail le {{date}}',
    nextAttempt: 'Nouvel essai le {{date}}',
    attempts_one: '{{count}} essai',
    attempts_other: '{{count}} essais',
    by: 'Par {{name}}',
    blocked: 'Dossier en conflit : en attente de votre décision',
    cancelledHint: 'Abandonnée en gardant la version du portail ; jamais envoyée.',
    empty: 'Aucune action dans cette liste.',
    loadError: 'Impossible de charger les envois au portail',
    loadMore: 'Charger plus',
    shown: '{{shown}} affichées',
    listLabel: 'Actions envoyées ou à envoyer au portail',
    worklistLink: 'Voir la liste à régulariser',
  },
  inboxMarker: 'En conflit',
  inboxMarkerHint:
    'Ce dossier attend une décision : conflit avec le portail ou action refusée. Voir « À régulariser ».',
};

export const syncWorkEn: typeof syncWorkFr = {
  nav: 'To resolve',
  navSection: 'Synchronisation',
  outboxNav: 'Sent to the portal',
  worklist: {
    title: 'To resolve',
    intro: 'Cases that synchronisation cannot settle on its own: each one waits for your decision.',
    count_one: '{{formatted}} item to resolve',
    count_other: '{{formatted}} items to resolve',
    shown: 'first {{shown}} of {{total}} shown',
    empty: 'Nothing to resolve',
    emptyHint:
      'No conflict, no refused action, no quarantined record, no failed attachment for your office.',
    loadError: 'Could not load the items to resolve',
    updating: 'Updating…',
    listLabel: 'Items to resolve',
    openCase: 'Open the case',
    openQuarantine: 'See the quarantine',
    outboxLink: 'See what was sent to the portal',
    detail: 'Reason: {{detail}}',
    at: 'On {{date}}',
    atUnknown: 'Date unknown',
    seen_one: 'Received {{count}} time',
    seen_other: 'Received {{count}} times',
    noReference: 'Portal id: {{id}}',
    noId: 'No id',
    kinds: {
      conflict: 'Conflict',
      refused_action: 'Refused action',
      quarantined: 'Quarantine',
      document_failed: 'Attachment not downloaded',
    },
    filterAll: 'All',
    what: {
      conflict: 'The portal changed this case while “{{action}}” had not been sent yet.',
      conflictNoAction: 'The portal changed this case while actions were waiting.',
      refused: 'The portal refused the action “{{action}}” taken in Bureau.',
      refusedMany: 'The portal refused the action “{{action}}” and {{more}} more taken in Bureau.',
      quarantined: 'A record sent by the portal is invalid: it was not imported.',
      documents_one: '{{count}} attachment could not be downloaded from the portal.',
      documents_other: '{{count}} attachments could not be downloaded from the portal.',
    },
    todo: {
      conflict:
        'Open the case, compare both versions and choose the one to keep; nothing is sent until then.',
      refused:
        'Open the case: keep the portal’s version to drop the action, or yours to send it again.',
      quarantined:
        'Report it to the portal’s administrator; it will be imported once the portal sends it corrected.',
      documents:
        'Review the case without these files or ask the applicant for them, and report it to the portal’s administrator.',
      readOnly:
        'A clerk or supervisor of the office must open the case and choose the version to keep.',
    },
  },
  outbox: {
    title: 'Sent to the portal',
    intro:
      'Every action taken in Bureau goes to the portal in order, case by case. A refused action holds back the later ones of the same case until you decide.',
    filters: {
      all: 'All',
      waiting: 'Waiting',
      refused: 'Refused',
      sent: 'Sent',
      cancelled: 'Cancelled',
    },
    filterLabel: 'Show actions',
    states: {
      pending: 'Waiting',
      sending: 'Sending',
      sent: 'Sent',
      failed: 'Refused',
      cancelled: 'Cancelled',
    },
    columns: {
      case: 'Case',
      action: 'Action',
      createdAt: 'Taken on',
      state: 'State',
      detail: 'Detail',
    },
    sentAt: 'Received by the portal on {{date}}',
    nextAttempt: 'Next try on {{date}}',
    attempts_one: '{{count}} try',
    attempts_other: '{{count}} tries',
    by: 'By {{name}}',
    blocked: 'Case in conflict: waiting for your decision',
    cancelledHint: 'Dropped when the portal’s version was kept; never sent.',
    empty: 'No action in this list.',
    loadError: 'Could not load what was sent to the portal',
    loadMore: 'Load more',
    shown: '{{shown}} shown',
    listLabel: 'Actions sent or to be sent to the portal',
    worklistLink: 'See the items to resolve',
  },
  inboxMarker: 'In conflict',
  inboxMarkerHint:
    'This case waits for a decision: a conflict with the portal or a refused action. See “To resolve”.',
};
