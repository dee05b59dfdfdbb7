import { localizeRefusalParams, REFUSAL_WORDS_FR } from './refusalWords';

/**
 * Refusals said as a key and parameters, so the renderer words them in the user's language. The
 * French sentences here are the reference: the core builds its `message` from them (what logs,
 * tools and older renderers read) and the renderer's French translation is this very object;
 * `en` translates the same keys. Parameters are `{{name}}`, as in the renderer's i18n.
 */
export const REFUSALS_FR = {
  // — The dispatcher, for every method —
  sessionExpired: 'Votre session a expiré. Reconnectez-vous pour continuer.',
  sessionLocked:
    'Session verrouillée après inactivité : saisissez votre mot de passe pour reprendre.',
  mustChangePassword:
    "Choisissez d'abord un nouveau mot de passe : votre administrateur l'a réinitialisé.",
  roleForbidden: 'Votre rôle ne permet pas cette opération. Adressez-vous à votre superviseur.',
  unknownMethod: 'Opération inconnue « {{method}} ».',
  internal:
    "Une erreur interne est survenue ; rien n'a été modifié. Réessayez, puis signalez-le si cela se reproduit.",
  // — Administration —
  accountGone: "Ce compte n'existe plus. Rechargez la liste des utilisateurs.",
  unknownOffice:
    "Bureau « {{office}} » inconnu. Choisissez l'un des bureaux régionaux : {{known}}.",
  noProcedure: 'Choisissez au moins une procédure, ou « Toutes les procédures ».',
  unknownProcedures: 'Procédure inconnue : {{codes}}. Choisissez dans la liste du catalogue.',
  accountOfOtherOffice:
    "Ce poste appartient au bureau {{office}} : un compte d'un autre bureau se crée sur un poste de ce bureau-là.",
  usernameTaken:
    "L'identifiant « {{username}} » est déjà pris. Choisissez-en un autre (par exemple avec l'initiale du second prénom).",
  cannotDeactivateSelf:
    'Vous ne pouvez pas désactiver votre propre compte. Demandez-le à un autre administrateur.',
  cannotDemoteSelf:
    'Vous ne pouvez pas retirer votre propre rôle d’administrateur. Demandez-le à un autre administrateur.',
  lastAdministrator:
    "{{name}} est le dernier administrateur actif : Bureau doit en garder au moins un. Nommez d'abord un autre administrateur.",
  closesBeforeOpens:
    "L'heure de fermeture ({{closesAt}}) doit suivre l'heure d'ouverture ({{opensAt}}). Corrigez les horaires puis enregistrez.",
  numberingCode:
    "Le code de numérotation doit commencer par le code du bureau ({{office}}, par exemple {{office}}B pour un second poste) et ne pas être celui d'un autre bureau : les numéros de certificats doivent rester uniques.",
  enrollmentCodeUnknown:
    "Code d'inscription inconnu pour le bureau {{office}} : vérifiez-le ou demandez-en un nouveau à un administrateur.",
  enrollmentCodeExpired: 'Ce code a expiré (valable 30 minutes) : demandez-en un nouveau.',
  enrollmentCodeUsed: 'Ce code a déjà servi : demandez-en un nouveau.',
  officeHasDesks:
    "Le bureau {{office}} a déjà des postes : demandez un code d'inscription à un administrateur du bureau.",
  enrollmentRateLimited:
    "Trop de codes erronés pour ce bureau : attendez un quart d'heure avant de réessayer.",
  enrollmentNeedsPortal:
    "Le portail ne répond pas : l'inscription d'un poste demande la connexion. Réessayez quand le poste est en ligne.",
  enrollmentAnswerUnreadable:
    "La réponse du portail à l'inscription est illisible : rien n'a été changé sur ce poste. Réessayez plus tard.",
  enrollmentInTraining: "En mode formation, le poste n'est inscrit dans aucun bureau réel.",
  deskAlreadyEnrolled: 'Ce poste est déjà inscrit : {{desk}} du bureau {{office}}.',
  portalV1Only:
    "Le portail configuré ne connaît que l'API v1 : le travail à plusieurs postes n'est pas disponible, ce poste travaille seul — demandez au ministère l'API v2 ou le concentrateur.",
  deskHasAccounts:
    'Ce poste a déjà des comptes : un administrateur doit le rattacher depuis « Postes de travail ».',
  deskNotEnrolled:
    "Ce poste n'est inscrit dans aucun bureau : faites-en d'abord le premier poste du bureau.",
  notInRecovery:
    'Bureau fonctionne normalement : la récupération ne sert qu’après un démarrage sur une base abîmée.',
  cannotRestart:
    'Ce poste ne peut pas redémarrer Bureau de lui-même : fermez Bureau puis relancez-le.',
  backupMissing: 'Cette sauvegarde est introuvable ou incomplète.',
  backupAltered:
    'Cette sauvegarde a été modifiée ou abîmée depuis son écriture (empreinte SHA-256 différente). Choisissez-en une autre.',
  backupFailsCheck:
    'Cette sauvegarde ne passe pas la vérification de SQLite ({{detail}}). Choisissez-en une autre.',
  backupFromNewerBureau:
    'Cette sauvegarde vient d’une version plus récente de Bureau : installez-la avant de restaurer.',
  holidayWrongYear:
    "Le {{day}} (« {{label}} ») n'est pas en {{year}}. Enregistrez-le avec les jours fériés de son année.",
  accountNeedsPortal:
    'Créer un compte demande le portail : un seul identifiant par personne pour tout le bureau. Reconnectez le poste puis recommencez.',
  usernameTakenNationally:
    "L'identifiant « {{username}} » est déjà pris dans l'annuaire national. Choisissez-en un autre (par exemple avec l'initiale du second prénom).",
  accountPortalBusy:
    "Le portail n'a pas pu créer le compte pour le moment : réessayez dans quelques minutes.",
  accountAnswerUnreadable:
    'La réponse du portail à la création du compte est illisible : réessayez ; si le compte apparaît ensuite, il a bien été créé.',
  holidayTwice:
    'Le {{day}} figure deux fois. Gardez une seule ligne par date (réunissez les libellés si deux fêtes tombent le même jour).',
  textModuleKeywordTaken:
    'Le mot-clé « {{keyword}} » est déjà pris par une phrase de votre bureau pour les mêmes procédures. Choisissez-en un autre, ou modifiez la phrase existante.',
  textModuleUnknown:
    "Cette phrase n'existe pas dans votre bureau ou a été retirée. Rechargez la liste des modules de texte.",
  textModuleUnknownProcedure: 'La procédure « {{code}} » ne figure pas au catalogue.',
  textModuleNeedsPortal:
    'Les modules de texte du bureau sont partagés par ses postes à travers le portail, injoignable pour le moment : la phrase n’est pas enregistrée. Réessayez quand la liaison revient.',
  textModuleChangedElsewhere:
    'Cette phrase a été modifiée sur un autre poste du bureau entre-temps. La liste se met à jour : relisez la phrase puis refaites votre modification.',
  textModulePortalBusy:
    'Le portail n’a pas pu enregistrer la phrase pour le moment : réessayez dans quelques minutes.',
  // — Sessions (sign-in, lock screen, password change, first start) —
  wrongCredentials:
    'Identifiant ou mot de passe incorrect. Vérifiez la touche Verr. Maj ; après {{attempts}} échecs de suite, le compte est bloqué {{minutes}} minutes.',
  wrongPassword:
    'Mot de passe incorrect. Vérifiez la touche Verr. Maj ; après {{attempts}} échecs de suite, le compte est bloqué {{minutes}} minutes.',
  lockedOut:
    'Compte bloqué après {{attempts}} essais infructueux. Réessayez après {{untilTime}}, ou demandez à votre administrateur de réinitialiser votre mot de passe.',
  accountDeactivated: 'Ce compte est désactivé. Adressez-vous à votre administrateur.',
  accountNotFound: 'Compte introuvable. Reconnectez-vous.',
  noSession: "Cet appel n'a pas de session : ouvrez Bureau normalement.",
  sessionEnded: 'Votre session a pris fin. Reconnectez-vous.',
  signInToContinue: 'Reconnectez-vous pour continuer.',
  sessionExpiredShort: 'Session expirée.',
  passwordUnchanged: "Le nouveau mot de passe doit être différent de l'actuel.",
  passwordHasUsername: 'Le mot de passe ne doit pas contenir votre identifiant.',
  alreadyInstalled:
    'Bureau a déjà des comptes : connectez-vous, ou demandez un compte à votre administrateur.',
  enrolledDeskAccounts:
    "Ce poste est inscrit dans le bureau {{office}} : ses comptes arrivent de l'annuaire du bureau à la synchronisation. Connectez le poste au portail, puis connectez-vous avec votre compte habituel.",
  unknownOfficeCode: 'Code de bureau inconnu : « {{office}} ». Codes possibles : {{known}}.',
  // — Cases: the workflow's gate —
  wrongStatus: 'Impossible {{deVerb}} : le dossier est {{status}}.',
  claimFirst: "Prenez d'abord le dossier en charge pour {{verb}}.",
  heldByOtherCannot: 'Ce dossier est pris en charge par {{holder}} : vous ne pouvez pas {{verb}}.',
  roleCannotWorkCases:
    "Votre rôle ne permet pas d'instruire les dossiers. Demandez à un agent ou à un superviseur.",
  caseOfOtherOffice: "Ce dossier relève d'un autre bureau : seuls ses agents peuvent l'instruire.",
  caseOfOtherOfficeRead:
    "Ce dossier relève d'un autre bureau : seul son personnel peut le consulter, avec ses pièces, certificats et courriers.",
  provisionalRequired:
    "Vous êtes hors ligne et ce dossier n'est pas à vous sur le portail : votre décision est provisoire. Si un collègue a agi entre-temps, elle deviendra un conflit à résoudre. Confirmez-la comme provisoire.",
  caseInConflict:
    'Ce dossier est en conflit avec le portail : résolvez le conflit avant toute autre action.',
  alreadyYours: 'Vous avez déjà ce dossier en charge.',
  heldByOtherTakeOver:
    'Ce dossier est pris en charge par {{holder}} : utilisez « Reprendre le dossier ».',
  heldByOther: 'Ce dossier est déjà pris en charge par {{holder}}.',
  heldByNobody: "Ce dossier n'est pris en charge par personne.",
  releaseHolderOnly: 'Seul le titulaire ou un superviseur peut libérer ce dossier.',
  takeOverSupervisorOnly: 'Seul un superviseur peut reprendre un dossier pris en charge.',
  heldByNoOther: "Ce dossier n'est pris en charge par aucun autre agent.",
  checklistLastPoint: "Cochez le dernier point de la liste de contrôle avant d'approuver.",
  checklistPoints:
    "Cochez les {{remaining}} points restants de la liste de contrôle avant d'approuver.",
  signOffSupervisorOnly: 'Seul un superviseur peut {{verb}} un dossier en attente de validation.',
  fourEyes:
    'Règle des quatre yeux : vous avez proposé cette décision, un autre superviseur doit la valider. Vous pouvez retirer votre proposition pour reprendre le dossier.',
  notProposer:
    'Seule la personne qui a proposé cette décision peut la retirer ; un superviseur peut la renvoyer en instruction.',
  portalChangesUnconfirmed:
    'Le portail a modifié des données après la décision : {{changes}}. Vérifiez ces modifications puis confirmez-les (« J’ai vérifié ces modifications ») avant {{deVerb}}.',
  noPortalChangesWaiting: 'Aucune modification du portail n’attend de confirmation sur ce dossier.',
  confirmChangesHolderOnly:
    'Seul l’agent chargé du dossier ou un superviseur du bureau peut confirmer les modifications du portail.',
  checkOutForColleagueSupervisorOnly:
    'Seul un superviseur peut emporter un dossier hors ligne pour un collègue.',
  checkOutInConflict:
    'Ce dossier est en conflit avec le portail : résolvez le conflit avant de l’emporter.',
  heldByOtherNoCheckOut:
    'Ce dossier est pris en charge par {{holder}} : il ne peut pas être emporté.',
  // — Cases: around the gate —
  caseNotInCache: "Ce dossier n'existe pas dans le cache local. Synchronisez puis réessayez.",
  checkOutOffline:
    'Emporter des dossiers hors ligne demande une connexion au portail : réessayez une fois la connexion rétablie.',
  checkOutForColleaguesSupervisorOnly:
    'Seul un superviseur peut emporter des dossiers hors ligne pour un collègue.',
  colleagueNotActive:
    "Ce collègue n'est pas un agent actif de votre bureau : choisissez-en un autre.",
  heldOnPortal: 'Dossier pris en charge par {{holder}}.',
  checkedOutOnPortal: 'Dossier emporté hors ligne par {{holder}}.',
  unknownChecklistItems:
    'Point de contrôle inconnu pour cette procédure : {{items}}. Rechargez le dossier et réessayez.',
  unknownDocuments:
    'Pièce inconnue pour cette procédure : {{items}}. Rechargez le dossier et réessayez.',
  unknownFields:
    'Champ inconnu pour cette procédure : {{items}}. Rechargez le dossier et réessayez.',
  unknownRejectReasons:
    'Motif de rejet inconnu pour cette procédure : {{items}}. Rechargez le dossier et réessayez.',
  // — Assignment —
  assignOnlySupervisor: 'Seul un superviseur du bureau peut affecter un dossier.',
  assignOtherOffice:
    'Ce dossier ne relève pas de votre bureau : seul un superviseur de son bureau peut l’affecter.',
  assignClosed: 'Dossier clos ({{status}}) : il ne peut plus être affecté.',
  assignInConflict: 'Dossier en conflit avec le portail : résolvez le conflit avant de l’affecter.',
  assigneeLacksProcedure:
    '{{name}} ne traite pas la procédure {{procedure}} : choisissez un agent qui la traite.',
  alreadyAssignedTo: 'Déjà affecté à {{name}} : rien à changer.',
  assignNotInCache: 'Dossier introuvable dans le cache local : synchronisez, puis réessayez.',
  notAssignableMember:
    '« {{user}} » n’est pas un agent actif de votre bureau : choisissez un agent dans la liste.',
  staffListStale:
    '« {{user}} » n’est pas un agent actif de votre bureau : rechargez la liste des agents.',
  noOtherAssignee:
    'Choisissez au moins un agent autre que celui dont vous réaffectez les dossiers.',
  clerkOfOtherOffice:
    'Cet agent n’appartient pas à votre bureau : choisissez un agent de votre bureau.',
  noChosenClerkHandles:
    'Aucun des agents choisis ne traite la procédure {{procedure}} : ajoutez un agent qui la traite.',
  // — Sync —
  caseNotInConflict: "Ce dossier n'est pas (ou plus) en conflit avec le portail.",
  syncStoppedUnexpectedly:
    "La synchronisation s'est arrêtée sur une erreur inattendue ; elle reprendra d'elle-même à la prochaine tentative. Si le message revient, signalez-le à l'administrateur.",
} as const;

export type RefusalKey = keyof typeof REFUSALS_FR;

/** The `{{name}}`s of a sentence, as a union of names. */
type PlaceholdersOf<S extends string> = S extends `${string}{{${infer Name}}}${infer Rest}`
  ? Name | PlaceholdersOf<Rest>
  : never;

/** Exactly the parameters a refusal's sentence needs: a missing one fails to compile. */
export type RefusalParams<K extends RefusalKey> = Record<
  PlaceholdersOf<(typeof REFUSALS_FR)[K]>,
  string | number
>;

/** A refusal as data: which sentence, with what. */
export interface ApiReason {
  key: RefusalKey;
  params: Record<string, string | number>;
}

/** The French sentence of a refusal (what the core sends as its `message`). */
export function frenchRefusal<K extends RefusalKey>(key: K, params: RefusalParams<K>): string {
  const values = localizeRefusalParams(
    params as Record<string, string | number>,
    REFUSAL_WORDS_FR,
    'fr',
  );
  return REFUSALS_FR[key].replace(/\{\{(\w+)\}\}/g, (_, name: string) =>
    String(values[name] ?? ''),
  );
}

export const isRefusalKey = (key: string): key is RefusalKey => Object.hasOwn(REFUSALS_FR, key);

/** A refusal said both ways: its French sentence and its key for the renderer. */
export interface SaidRefusal {
  message: string;
  reason: ApiReason;
}

export function sayRefusal<K extends RefusalKey>(key: K, params: RefusalParams<K>): SaidRefusal {
  return {
    message: frenchRefusal(key, params),
    reason: { key, params: params as Record<string, string | number> },
  };
}
