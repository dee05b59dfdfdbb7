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
    officeHint:
      'Poste inscrit dans le bureau {{office}} : si votre compte vient d’être créé sur un autre poste, il arrive ici à la prochaine synchronisation. Réessayez dans quelques minutes.',
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
  setup: {
    noOffice: 'Ce poste n’appartient encore à aucun bureau.',
    choice: 'Comment démarrer ce poste',
    first: 'Premier poste du bureau',
    join: 'Rejoindre un bureau',
    joinIntro:
      'Un administrateur du bureau vous donne un code d’inscription depuis «\u00a0Administration → Postes de travail\u00a0» sur un poste déjà inscrit.',
  },
  join: {
    office: 'Bureau',
    officePlaceholder: 'Choisissez le bureau',
    code: 'Code d’inscription',
    codeHint: '12 lettres ou chiffres, avec ou sans tirets ; valable 30 minutes.',
    codeWrong: '12 lettres ou chiffres, avec ou sans tirets, par exemple K7QF-M2XD-94TB.',
    label: 'Nom de ce poste',
    labelHint: 'Tel que le personnel le désigne, ex. « Guichet 2 ».',
    labelDefault: 'Guichet 2',
    labelWrong: 'Entre 1 et 60 caractères.',
    submit: 'Inscrire ce poste',
    failed: 'Inscription impossible',
    doneTitle: 'Poste inscrit',
    done: 'Poste {{desk}} inscrit dans le bureau {{office}}. Les comptes du bureau arrivent à la prochaine synchronisation : connectez-vous ensuite avec votre compte habituel.',
    continue: 'Continuer',
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
    welcome:
      'Bienvenue. Votre compte vient d’être créé avec un mot de passe provisoire : choisissez le vôtre, connu de vous seul, pour commencer.',
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
    officeHint:
      'This computer is enrolled in the {{office}} office: if your account was just created on another computer, it arrives here at the next synchronisation. Try again in a few minutes.',
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
  setup: {
    noOffice: 'This computer does not belong to any office yet.',
    choice: 'How to start this computer',
    first: 'First computer of the office',
    join: 'Join an office',
    joinIntro:
      'An administrator of the office gives you an enrollment code from «\u00a0Administration → Workstations\u00a0» on a computer already enrolled.',
  },
  join: {
    office: 'Office',
    officePlaceholder: 'Choose the office',
    code: 'Enrollment code',
    codeHint: '12 letters or digits, with or without dashes; valid for 30 minutes.',
    codeWrong: '12 letters or digits, with or without dashes, for example K7QF-M2XD-94TB.',
    label: 'Name of this computer',
    labelHint: 'As the staff call it, e.g. « Counter 2 ».',
    labelDefault: 'Counter 2',
    labelWrong: 'Between 1 and 60 characters.',
    submit: 'Enroll this computer',
    failed: 'Enrollment failed',
    doneTitle: 'Computer enrolled',
    done: 'Computer {{desk}} enrolled in the {{office}} office. The office’s accounts arrive at the next synchronisation: then sign in with your usual account.',
    continue: 'Continue',
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
    welcome:
      'Welcome. Your account was just created with a temporary password: choose your own, known only to you, to begin.',
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
