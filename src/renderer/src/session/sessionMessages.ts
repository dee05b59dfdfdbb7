/** The sign-in, lock and password screens' strings (French first; `en` has the same keys). */
export const sessionFr = {
  reservedTitle: 'Écran réservé',
  reservedBody:
    'Votre rôle ne donne pas accès à cet écran. Si vous en avez besoin, demandez-le à votre administrateur.',
  tagline: 'Traitement des demandes du portail des services publics',
  signIn: {
    title: 'Connexion',
    username: 'Identifiant',
    usernamePlaceholder: 'prenom.nom',
    password: 'Mot de passe',
    submit: 'Se connecter',
    offlineHint:
      'La connexion fonctionne aussi hors ligne : votre mot de passe est vérifié sur ce poste.',
    failed: 'Connexion impossible',
  },
  training: {
    title: 'Comptes de formation',
    hint: 'Mot de passe de tous les comptes : {{password}}. Cliquez sur un compte pour le saisir.',
    use: 'Utiliser le compte de {{name}}',
  },
  firstAdministrator: {
    title: 'Premier démarrage',
    intro:
      "Aucun compte n'existe encore sur ce poste. Créez le compte de l'administrateur : il créera ensuite les comptes des agents et des superviseurs.",
    displayName: 'Nom complet',
    username: 'Identifiant',
    officeCode: 'Code du bureau',
    officeCodeHint: 'Par exemple LOM, KAR, SOK, DAP, ATK',
    password: 'Mot de passe',
    confirm: 'Confirmez le mot de passe',
    submit: 'Créer le compte et se connecter',
  },
  lock: {
    title: 'Session verrouillée',
    intro:
      'Bureau a verrouillé la session de {{name}}. Saisissez votre mot de passe pour reprendre où vous en étiez.',
    password: 'Mot de passe',
    submit: 'Déverrouiller',
    switchUser: "Changer d'utilisateur",
    failed: 'Déverrouillage impossible',
  },
  changePassword: {
    title: 'Choisir un nouveau mot de passe',
    forced:
      'Votre administrateur a réinitialisé votre mot de passe. Choisissez-en un nouveau, connu de vous seul, pour continuer.',
    current: 'Mot de passe actuel',
    next: 'Nouveau mot de passe',
    confirm: 'Confirmez le nouveau mot de passe',
    rule: 'Au moins 10 caractères ; une phrase courte se retient mieux.',
    submit: 'Enregistrer le mot de passe',
    done: 'Mot de passe modifié.',
    failed: 'Modification impossible',
    cancel: 'Annuler',
  },
  validation: {
    required: 'Champ obligatoire.',
    tooShort: 'Au moins 10 caractères.',
    mismatch: 'Les deux mots de passe ne sont pas identiques.',
  },
  menu: {
    lock: 'Verrouiller la session',
    changePassword: 'Changer mon mot de passe',
    signOut: 'Se déconnecter',
    signingOut: 'Déconnexion…',
  },
  signedOut: 'Vous êtes déconnecté.',
  locked: 'Session verrouillée après {{minutes}} min d’inactivité.',
} as const;

type Strings<T> = { readonly [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export const sessionEn: Strings<typeof sessionFr> = {
  reservedTitle: 'Restricted screen',
  reservedBody:
    'Your role does not give access to this screen. Ask your administrator if you need it.',
  tagline: 'Processing applications from the public services portal',
  signIn: {
    title: 'Sign in',
    username: 'Username',
    usernamePlaceholder: 'firstname.lastname',
    password: 'Password',
    submit: 'Sign in',
    offlineHint: 'Signing in also works offline: your password is checked on this computer.',
    failed: 'Could not sign in',
  },
  training: {
    title: 'Training accounts',
    hint: 'Password for every account: {{password}}. Click an account to fill it in.',
    use: "Use {{name}}'s account",
  },
  firstAdministrator: {
    title: 'First start',
    intro:
      'No account exists on this computer yet. Create the administrator account: it will then create the clerks’ and supervisors’ accounts.',
    displayName: 'Full name',
    username: 'Username',
    officeCode: 'Office code',
    officeCodeHint: 'For example LOM, KAR, SOK, DAP, ATK',
    password: 'Password',
    confirm: 'Confirm the password',
    submit: 'Create the account and sign in',
  },
  lock: {
    title: 'Session locked',
    intro: "Bureau locked {{name}}'s session. Enter your password to pick up where you left off.",
    password: 'Password',
    submit: 'Unlock',
    switchUser: 'Switch user',
    failed: 'Could not unlock',
  },
  changePassword: {
    title: 'Choose a new password',
    forced:
      'Your administrator reset your password. Choose a new one that only you know to continue.',
    current: 'Current password',
    next: 'New password',
    confirm: 'Confirm the new password',
    rule: 'At least 10 characters; a short sentence is easier to remember.',
    submit: 'Save the password',
    done: 'Password changed.',
    failed: 'Could not change the password',
    cancel: 'Cancel',
  },
  validation: {
    required: 'Required.',
    tooShort: 'At least 10 characters.',
    mismatch: 'The two passwords differ.',
  },
  menu: {
    lock: 'Lock the session',
    changePassword: 'Change my password',
    signOut: 'Sign out',
    signingOut: 'Signing out…',
  },
  signedOut: 'You are signed out.',
  locked: 'Session locked after {{minutes}} min without activity.',
};
