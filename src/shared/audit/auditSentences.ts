/**
 * What each row of the audit journal says, in one place: one French sentence per action the core
 * writes (`case.approved` → « {{actor}} a approuvé le dossier {{case}} »), and the labels of its
 * details. French is the reference: the core writes its exports with it, the renderer shows it
 * (and English from `adminMessages.ts`, typed against this table, so no sentence is missing).
 *
 * A sentence is nested by category (`case` → `approved`), so its i18n key is simply
 * `admin.audit.sentences.<action>`. Its parameters are resolved by the core (auditDescription.ts):
 *   actor       who acted (a name, or « Le système »)
 *   case        the case's reference (the renderer makes it a link to the case)
 *   person      the person the action concerns (an account, an assignee, a former holder)
 *   item        a checklist point          certificate  a certificate number
 *   count       a number (days, a row)     desk         a workstation's label
 *   year        a year                     counter      a certificate counter
 * A test (tests/unit/auditSentences.test.ts) reads the core's sources and fails when an action
 * it writes has no sentence here.
 */
export const AUDIT_SENTENCES = {
  case: {
    assigned: '{{actor}} a affecté le dossier {{case}} à {{person}}',
    claimed: '{{actor}} a pris en charge le dossier {{case}}',
    taken_over: '{{actor}} a repris le dossier {{case}}, jusque-là pris en charge par {{person}}',
    taken_over_unheld: '{{actor}} a repris le dossier {{case}}',
    checked_out:
      '{{actor}} a emporté hors ligne le dossier {{case}} pour {{person}}, pour {{count}} jour(s)',
    released: '{{actor}} a libéré le dossier {{case}}',
    checklist_ticked: '{{actor}} a coché « {{item}} » sur le dossier {{case}}',
    checklist_unticked: '{{actor}} a décoché « {{item}} » sur le dossier {{case}}',
    info_requested: '{{actor}} a demandé un complément au demandeur du dossier {{case}}',
    signoff_requested:
      '{{actor}} a proposé d’approuver le dossier {{case}} et l’a soumis à validation',
    approved: '{{actor}} a approuvé le dossier {{case}}',
    rejected: '{{actor}} a rejeté le dossier {{case}}',
    signoff_approved: '{{actor}} a validé la décision proposée sur le dossier {{case}}',
    proposal_withdrawn:
      '{{actor}} a retiré sa proposition de décision sur le dossier {{case}} et l’a reprise en instruction',
    signoff_returned:
      '{{actor}} a renvoyé le dossier {{case}} en instruction sans valider la décision',
    certificate_issued: '{{actor}} a délivré le certificat {{certificate}} du dossier {{case}}',
    portal_changes_confirmed:
      '{{actor}} a vérifié les modifications apportées par le portail au dossier {{case}}',
    marked_duplicate: '{{actor}} a marqué le dossier {{case}} comme doublon du dossier {{item}}',
    duplicate_linked:
      '{{actor}} a lié le dossier {{case}} au dossier {{item}}, marqué comme son doublon',
  },
  note: {
    added: '{{actor}} a ajouté une note au dossier {{case}}',
  },
  conflict: {
    resolved: '{{actor}} a résolu un conflit de synchronisation sur le dossier {{case}}',
  },
  certificate: {
    revoked: '{{actor}} a révoqué le certificat {{certificate}} du dossier {{case}}',
    reprinted: '{{actor}} a réimprimé le certificat {{certificate}} du dossier {{case}}',
    integrity_failed:
      '{{actor}} a constaté que le fichier du certificat {{certificate}} ne correspond plus à son empreinte',
    file_rerendered: '{{actor}} a régénéré le fichier du certificat {{certificate}}',
    counter_raised:
      '{{actor}} a avancé le compteur de certificats {{counter}} jusqu’au n° {{count}} (après une restauration)',
  },
  letter: {
    integrity_failed:
      '{{actor}} a constaté que le fichier du courrier {{certificate}} ne correspond plus à son empreinte',
    file_rerendered: '{{actor}} a régénéré le fichier du courrier {{certificate}}',
  },
  certificates: {
    keys_exported: '{{actor}} a exporté les clés de vérification des certificats',
  },
  session: {
    signed_in: 'Connexion de {{actor}}',
    signed_out: 'Déconnexion de {{actor}}',
    sign_in_failed: 'Échec de connexion au compte de {{actor}} (mot de passe incorrect)',
    locked_out: 'Compte de {{actor}} bloqué après des échecs de connexion répétés',
    locked: 'Session de {{actor}} verrouillée',
    unlocked: 'Session de {{actor}} déverrouillée',
    unlock_failed: 'Échec du déverrouillage de la session de {{actor}}',
    password_change_failed: 'Échec du changement de mot de passe de {{actor}}',
  },
  user: {
    created: '{{actor}} a créé le compte de {{person}}',
    updated: '{{actor}} a modifié le compte de {{person}}',
    deactivated: '{{actor}} a désactivé le compte de {{person}}',
    reactivated: '{{actor}} a réactivé le compte de {{person}}',
    password_reset: '{{actor}} a réinitialisé le mot de passe de {{person}}',
    password_changed: '{{actor}} a changé son mot de passe',
  },
  office: {
    updated: '{{actor}} a modifié les réglages du bureau',
  },
  holidays: {
    saved: '{{actor}} a modifié les jours fériés de {{year}}',
  },
  textModule: {
    created: '{{actor}} a ajouté le module de texte « ::{{item}} »',
    updated: '{{actor}} a modifié le module de texte « ::{{item}} »',
    retired: '{{actor}} a retiré le module de texte « ::{{item}} »',
  },
  audit: {
    verified: '{{actor}} a vérifié l’intégrité du journal d’audit : chaîne intacte',
    verified_broken:
      '{{actor}} a vérifié l’intégrité du journal d’audit : chaîne rompue à la ligne n° {{count}}',
  },
  backup: {
    created: '{{actor}} a créé une sauvegarde',
    restore_scheduled: '{{actor}} a programmé la restauration d’une sauvegarde',
  },
  desk: {
    enrolled: '{{actor}} a inscrit le poste « {{desk}} » dans le bureau',
    enrollment_code_issued: '{{actor}} a émis un code d’inscription pour le poste « {{desk}} »',
  },
  installation: {
    training_set_aside:
      '{{actor}} a mis de côté les données du mode formation (un vrai portail est configuré)',
  },
  other: {
    unknown: '{{actor}} : action « {{code}} »',
  },
} as const;

type Sentences = typeof AUDIT_SENTENCES;
/** `case.approved`, `session.signed_in`… every key of the table (variants included). */
export type AuditSentenceKey = {
  [C in keyof Sentences]: `${C & string}.${keyof Sentences[C] & string}`;
}[keyof Sentences];

/** The categories of the journal's « Type d'action » filter: an action code's first part. */
export const AUDIT_CATEGORIES = (Object.keys(AUDIT_SENTENCES) as (keyof Sentences)[]).filter(
  (category) => category !== 'other',
);
export type AuditCategory = Exclude<keyof Sentences, 'other'>;

/** The template of `key`, or undefined when there is none. */
export function sentenceTemplate(key: string): string | undefined {
  const [category, name] = key.split('.', 2) as [string, string | undefined];
  const group = (AUDIT_SENTENCES as Record<string, Record<string, string> | undefined>)[category];
  return name === undefined ? undefined : group?.[name];
}

export function hasSentence(key: string): boolean {
  return sentenceTemplate(key) !== undefined;
}

/** A template cut into its text and its `{{parameters}}`, for a renderer that links some. */
export type SentencePart = { text: string } | { param: string };

export function sentenceParts(template: string): SentencePart[] {
  const parts: SentencePart[] = [];
  let last = 0;
  for (const match of template.matchAll(/\{\{\s*(\w+)\s*\}\}/g)) {
    if (match.index > last) parts.push({ text: template.slice(last, match.index) });
    parts.push({ param: match[1]! });
    last = match.index + match[0].length;
  }
  if (last < template.length) parts.push({ text: template.slice(last) });
  return parts;
}

/** The template filled in as plain text (exports); a missing parameter reads « — ». */
export function fillSentence(template: string, params: Record<string, string>): string {
  return sentenceParts(template)
    .map((part) => ('text' in part ? part.text : (params[part.param] ?? '—')))
    .join('');
}

/** Labels of a row's details (the « Détails » column), French reference. */
export const AUDIT_DETAIL_LABELS = {
  status: 'Statut',
  comment: 'Commentaire',
  message: 'Message au demandeur',
  reasons: 'Motifs',
  missingDocuments: 'Pièces manquantes',
  fieldsToCorrect: 'Champs à corriger',
  certificate: 'Certificat',
  letter: 'Courrier',
  username: 'Identifiant',
  role: 'Rôle',
  officeCode: 'Bureau',
  procedureCodes: 'Procédures',
  active: 'Compte actif',
  displayName: 'Nom',
  name: 'Nom du bureau',
  region: 'Région',
  numberingCode: 'Code de numérotation',
  opensAt: 'Ouverture',
  closesAt: 'Fermeture',
  lockAfterMinutes: 'Verrouillage après (minutes)',
  failures: 'Échecs consécutifs',
  lockReason: 'Motif du verrouillage',
  changes: 'Modifications',
  rows: 'Lignes vérifiées',
  breach: 'Altération',
  lastHash: 'Dernière empreinte',
  added: 'Ajoutés',
  removed: 'Supprimés',
  edited: 'Modifiés',
  recomputedDeadlines: 'Échéances recalculées',
  size: 'Taille',
  sha256: 'Empreinte SHA-256',
  expectedSha256: 'Empreinte attendue',
  foundSha256: 'Empreinte trouvée',
  restored: 'Fichier restauré',
  keys: 'Clés',
  certificates: 'Certificats',
  expiresAt: 'Expire le',
  createdAt: 'Créée le',
  folder: 'Dossier sur le disque',
  training: 'Compte de formation',
  lockOutLifted: 'Blocage levé',
  mustChangePassword: 'Nouveau mot de passe exigé à la connexion',
  version: 'Version du portail',
  keyword: 'Mot-clé',
  title: 'Titre',
  body: 'Texte',
  procedureCode: 'Procédure',
  contexts: 'Zones de saisie',
  other: 'Autre',
} as const;
export type AuditDetailLabel = keyof typeof AUDIT_DETAIL_LABELS;

/** Code lists whose labels the renderer takes from its own i18n (`status.*`, `roles.*`). */
export const AUDIT_STATUS_FR = {
  submitted: 'Reçue',
  in_review: 'En instruction',
  info_requested: 'Complément demandé',
  pending_signoff: 'En attente de validation',
  approved: 'Approuvée',
  issued: 'Certificat délivré',
  rejected: 'Rejetée',
  withdrawn: 'Retirée',
} as const;
export const AUDIT_ROLE_FR = {
  agent: 'Agent instructeur',
  superviseur: 'Superviseur',
  administrateur: 'Administrateur',
} as const;
/** Small closed vocabularies of details: values the renderer translates, French here. */
export const AUDIT_VALUE_FR = {
  yes: 'oui',
  no: 'non',
  idle: 'inactivité',
  requested: 'à la demande de la personne',
  edited: 'ligne modifiée',
  deleted: 'ligne supprimée',
  reordered: 'lignes réordonnées',
  inserted: 'ligne insérée',
  genesis: 'origine de la chaîne modifiée',
  truncated: 'fin du journal supprimée',
  system: 'Le système',
  none: '—',
  all: 'toutes',
} as const;
export type AuditValueWord = keyof typeof AUDIT_VALUE_FR;
