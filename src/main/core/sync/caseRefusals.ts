import { PortalResponseError } from './portalClient';

/**
 * The portal's arbitration refusals (design multi-desk §6.4), as the one sentence the case's
 * conflict shows: what happened (the portal's own French words, naming who and when) and what
 * to do. Other refusals keep the portal's message as it is.
 */
export function caseRefusalSentence(error: unknown): string | null {
  if (!(error instanceof PortalResponseError) || !error.code) return null;
  const said = error.message.trim().replace(/\s*\.?$/, '.');
  switch (error.code) {
    case 'held_by_other':
      return `${said} Votre action n'a pas été appliquée : gardez la version du portail, ou demandez à cette personne de vous céder le dossier puis refaites-la.`;
    case 'stale_version':
      return `${said} Gardez la version du portail, ou gardez votre version pour confirmer votre décision sur le dossier tel qu'il est maintenant.`;
    case 'four_eyes':
      return `${said} Gardez la version du portail : un autre superviseur doit valider.`;
    case 'actor_not_allowed':
      return `${said} Un collègue dont le compte est actif doit refaire cette action ; gardez la version du portail.`;
    default:
      return null;
  }
}
