/** Backups and recovery screens' strings (French first; `en` must have the same keys). */
export const backupFr = {
  reason: {
    daily: 'Quotidienne',
    'pre-migration': 'Avant mise à jour',
    manual: 'Manuelle',
  },
  size: '{{value}} Mo',
  columns: {
    date: 'Date',
    reason: 'Type',
    size: 'Taille',
    schema: 'Schéma',
    check: 'Vérification',
  },
  checkOk: 'Intègre',
  panel: {
    title: 'Sauvegardes',
    intro:
      'Bureau sauvegarde sa base chaque jour et avant chaque mise à jour ; les sauvegardes de plus de {{days}} jours sont supprimées, les 3 dernières toujours gardées. Elles contiennent la base (dossiers, décisions, certificats émis, utilisateurs, journal) ; les clés de signature et les pièces restent dans le dossier de données.',
    folder: 'Dossier des sauvegardes : {{path}}',
    none: 'Aucune sauvegarde pour l’instant.',
    backupNow: 'Sauvegarder maintenant',
    backingUp: 'Sauvegarde en cours…',
    created: 'Sauvegarde enregistrée et vérifiée.',
    restore: 'Restaurer…',
    restoreLabel: 'Restaurer la sauvegarde du {{date}}',
    pending:
      'Restauration de la sauvegarde du {{date}} programmée : elle aura lieu au prochain démarrage de Bureau.',
    loadFailed: 'Impossible de lire la liste des sauvegardes',
  },
  confirm: {
    title: 'Restaurer cette sauvegarde ?',
    body: 'Bureau va vérifier la sauvegarde du {{date}}, puis la remettre en place au prochain démarrage. Les données actuelles ne sont pas supprimées : elles sont mises de côté dans le dossier « replaced » du dossier de données.',
    loss: 'Le travail fait depuis cette sauvegarde et pas encore envoyé au portail n’apparaîtra plus dans Bureau ; ce qui est sur le portail reviendra à la prochaine synchronisation.',
    cancel: 'Annuler',
    confirm: 'Vérifier et programmer',
    checking: 'Vérification…',
    scheduledTitle: 'Restauration programmée',
    scheduledBody:
      'La sauvegarde est intègre. Bureau doit redémarrer pour la remettre en place ; tout le monde devra se reconnecter.',
    restartNow: 'Redémarrer maintenant',
    restartLater: 'Plus tard',
    restartManually: 'Fermez Bureau puis relancez-le : la restauration aura lieu au démarrage.',
    restarting: 'Redémarrage de Bureau…',
  },
  recovery: {
    title: 'La base de données de Bureau est endommagée',
    what: {
      not_a_database:
        'Au démarrage, Bureau a trouvé un fichier qui n’est pas (ou plus) une base de données. Cela arrive après une coupure de courant, un disque défaillant ou une copie interrompue.',
      corrupted:
        'Au démarrage, Bureau n’a pas pu lire sa base de données : elle est endommagée. Cela arrive après une coupure de courant ou un disque défaillant.',
      integrity_failed:
        'Au démarrage, la vérification de la base de données a trouvé des pages endommagées. Cela arrive après une coupure de courant ou un disque défaillant.',
    },
    safe: 'Rien n’a été supprimé. Bureau ne s’est pas ouvert sur cette base pour ne pas aggraver les dégâts.',
    damagedFile: 'Fichier endommagé',
    details: 'Détail technique',
    choose: 'Que voulez-vous faire ?',
    restoreTitle: 'Restaurer une sauvegarde (recommandé)',
    restoreHelp:
      'Bureau remet en place la sauvegarde choisie, puis récupère auprès du portail ce qui a changé depuis. Le travail fait depuis la sauvegarde et pas encore envoyé au portail sera perdu.',
    latest: 'la plus récente',
    restore: 'Restaurer',
    restoreLabel: 'Restaurer la sauvegarde du {{date}}',
    noBackup: 'Aucune sauvegarde disponible dans ce dossier de données.',
    freshTitle: 'Repartir d’un cache vide',
    freshHelp:
      'Bureau recommence avec une base vide et télécharge à nouveau les dossiers depuis le portail (il faut une connexion). Les comptes locaux et le travail non envoyé ne reviendront pas.',
    fresh: 'Repartir d’un cache vide',
    freshConfirm: 'Confirmer : repartir d’un cache vide',
    quitTitle: 'Quitter',
    quit: 'Quitter Bureau',
    quitHelp:
      'Fermez Bureau et appelez votre administrateur ou le support : le fichier endommagé reste à sa place.',
    aside: 'Le fichier endommagé sera déplacé dans le dossier « replaced », jamais supprimé.',
    working: 'Récupération en cours…',
    done: 'Base remise en place. Redémarrage de Bureau…',
  },
} as const;

type Strings<T> = { readonly [K in keyof T]: T[K] extends string ? string : Strings<T[K]> };

export const backupEn: Strings<typeof backupFr> = {
  reason: {
    daily: 'Daily',
    'pre-migration': 'Before update',
    manual: 'Manual',
  },
  size: '{{value}} MB',
  columns: {
    date: 'Date',
    reason: 'Type',
    size: 'Size',
    schema: 'Schema',
    check: 'Check',
  },
  checkOk: 'Sound',
  panel: {
    title: 'Backups',
    intro:
      'Bureau backs up its database every day and before every update; backups older than {{days}} days are deleted, the latest 3 are always kept. They hold the database (cases, decisions, issued certificates, users, audit trail); signing keys and attachments stay in the data folder.',
    folder: 'Backups folder: {{path}}',
    none: 'No backup yet.',
    backupNow: 'Back up now',
    backingUp: 'Backing up…',
    created: 'Backup written and checked.',
    restore: 'Restore…',
    restoreLabel: 'Restore the backup of {{date}}',
    pending: 'Restore of the backup of {{date}} scheduled: it happens when Bureau next starts.',
    loadFailed: 'Could not read the list of backups',
  },
  confirm: {
    title: 'Restore this backup?',
    body: 'Bureau will check the backup of {{date}}, then put it in place at the next start. The current data is not deleted: it is set aside in the “replaced” folder of the data folder.',
    loss: 'Work done since this backup and not yet sent to the portal will no longer show in Bureau; what is on the portal comes back at the next sync.',
    cancel: 'Cancel',
    confirm: 'Check and schedule',
    checking: 'Checking…',
    scheduledTitle: 'Restore scheduled',
    scheduledBody:
      'The backup is sound. Bureau must restart to put it in place; everyone will have to sign in again.',
    restartNow: 'Restart now',
    restartLater: 'Later',
    restartManually: 'Close Bureau and start it again: the restore happens at start-up.',
    restarting: 'Restarting Bureau…',
  },
  recovery: {
    title: 'Bureau’s database is damaged',
    what: {
      not_a_database:
        'At start-up, Bureau found a file that is not (or no longer) a database. This happens after a power cut, a failing disk or an interrupted copy.',
      corrupted:
        'At start-up, Bureau could not read its database: it is damaged. This happens after a power cut or a failing disk.',
      integrity_failed:
        'At start-up, the database check found damaged pages. This happens after a power cut or a failing disk.',
    },
    safe: 'Nothing was deleted. Bureau did not open this database so as not to make the damage worse.',
    damagedFile: 'Damaged file',
    details: 'Technical detail',
    choose: 'What do you want to do?',
    restoreTitle: 'Restore a backup (recommended)',
    restoreHelp:
      'Bureau puts the chosen backup back, then fetches from the portal what changed since. Work done since the backup and not yet sent to the portal is lost.',
    latest: 'latest',
    restore: 'Restore',
    restoreLabel: 'Restore the backup of {{date}}',
    noBackup: 'No backup available in this data folder.',
    freshTitle: 'Start from an empty cache',
    freshHelp:
      'Bureau starts again with an empty database and downloads the cases from the portal again (a connection is needed). Local accounts and unsent work will not come back.',
    fresh: 'Start from an empty cache',
    freshConfirm: 'Confirm: start from an empty cache',
    quitTitle: 'Quit',
    quit: 'Quit Bureau',
    quitHelp:
      'Close Bureau and call your administrator or support: the damaged file stays where it is.',
    aside: 'The damaged file will be moved to the “replaced” folder, never deleted.',
    working: 'Recovering…',
    done: 'Database put back. Restarting Bureau…',
  },
};
