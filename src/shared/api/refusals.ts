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
  const values = params as Record<string, string | number>;
  return REFUSALS_FR[key].replace(/\{\{(\w+)\}\}/g, (_, name: string) =>
    String(values[name] ?? ''),
  );
}

export const isRefusalKey = (key: string): key is RefusalKey => Object.hasOwn(REFUSALS_FR, key);
