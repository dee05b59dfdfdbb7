import { V1_ONLY_LINE } from '../../../shared/domain/portalApi';

/** The desktop screens' strings (French first; `en` must have the same keys). */
export const desktopFr = {
  menu: {
    display: 'Affichage et zoom…',
    about: 'À propos de Bureau',
  },
  display: {
    title: 'Affichage',
    theme: 'Thème',
    themeLabel: 'Thème de l’interface',
    light: 'Clair',
    dark: 'Sombre',
    auto: 'Selon le système',
    zoom: 'Taille de l’affichage',
    zoomLabel: 'Taille de l’affichage, en pourcentage',
    zoomHint:
      'Au clavier, partout dans Bureau : Ctrl + = pour agrandir, Ctrl + − pour réduire, Ctrl + 0 pour revenir à 100 %.',
    saved: 'Ces réglages sont gardés sur ce poste.',
    close: 'Fermer',
  },
  about: {
    title: 'À propos de Bureau',
    tagline: 'Traitement des demandes du portail national des services publics du Togo.',
    version: 'Version',
    host: 'Fonctionne dans',
    hostElectron: 'l’application de bureau (Electron)',
    hostWeb: 'le navigateur, par l’hôte web local',
    portal: 'Portail',
    training: 'Mode formation : portail simulé sur ce poste',
    desk: 'Poste',
    deskName: '{{id}} ({{label}})',
    deskOffice: 'Bureau {{office}}',
    deskKey: 'Clé {{keyId}}',
    deskEnrolledOn: 'inscrit le {{date}}',
    deskAlone: 'Poste seul (non inscrit)',
    deskUnknown: 'Inconnu pour le moment.',
    portalApi: 'API v{{version}}',
    portalApiUnknown: 'pas encore joint',
    v1Only: V1_ONLY_LINE,
    dataDir: 'Dossier des données',
    dataDirHint:
      'La base locale (SQLite), les pièces téléchargées, les certificats et les clés de signature du bureau. À sauvegarder avec les données du poste.',
    copy: 'Copier le chemin',
    copied: 'Chemin copié',
    licences:
      'Logiciels libres utilisés : Electron, React, Mantine, pdf.js, pdfkit (licences MIT et Apache 2.0), SQLite (domaine public), polices DejaVu (licence Bitstream Vera).',
    unavailable: 'Informations indisponibles.',
    close: 'Fermer',
  },
} as const;

type Strings<T> = { readonly [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export const desktopEn: Strings<typeof desktopFr> = {
  menu: {
    display: 'Display and zoom…',
    about: 'About Bureau',
  },
  display: {
    title: 'Display',
    theme: 'Theme',
    themeLabel: 'Interface theme',
    light: 'Light',
    dark: 'Dark',
    auto: 'Follow the system',
    zoom: 'Display size',
    zoomLabel: 'Display size, in percent',
    zoomHint:
      'From the keyboard, anywhere in Bureau: Ctrl + = to enlarge, Ctrl + − to reduce, Ctrl + 0 to return to 100 %.',
    saved: 'These settings are kept on this computer.',
    close: 'Close',
  },
  about: {
    title: 'About Bureau',
    tagline: 'Processing the applications of Togo’s national public-service portal.',
    version: 'Version',
    host: 'Running in',
    hostElectron: 'the desktop application (Electron)',
    hostWeb: 'the browser, through the local web host',
    portal: 'Portal',
    training: 'Training mode: simulated portal on this computer',
    desk: 'Workstation',
    deskName: '{{id}} ({{label}})',
    deskOffice: 'Office {{office}}',
    deskKey: 'Key {{keyId}}',
    deskEnrolledOn: 'enrolled on {{date}}',
    deskAlone: 'Standalone workstation (not enrolled)',
    deskUnknown: 'Unknown for now.',
    portalApi: 'API v{{version}}',
    portalApiUnknown: 'not reached yet',
    v1Only:
      'The configured portal only knows API v1: working with several workstations is not available, this workstation works alone — ask the ministry for API v2 or the hub.',
    dataDir: 'Data folder',
    dataDirHint:
      'The local database (SQLite), downloaded attachments, certificates and the office’s signing keys. Back it up with the computer’s data.',
    copy: 'Copy the path',
    copied: 'Path copied',
    licences:
      'Free software used: Electron, React, Mantine, pdf.js, pdfkit (MIT and Apache 2.0 licences), SQLite (public domain), DejaVu fonts (Bitstream Vera licence).',
    unavailable: 'Information unavailable.',
    close: 'Close',
  },
};
