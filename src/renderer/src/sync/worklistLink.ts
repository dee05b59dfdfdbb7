import { hrefOf } from '../routing/route';

/**
 * What makes a header badge (« 1 action refusée », « 1 dossier en conflit ») open « À
 * régulariser »: a link, focusable, with the pointer of one. Spread on a Mantine `Badge`.
 */
export const WORKLIST_LINK = {
  component: 'a',
  href: hrefOf({ view: 'worklist' }),
  className: 'mantine-focus-auto',
  style: { cursor: 'pointer' },
} as const;

/** « 3 actions en attente » opens « Envois au portail », where each waiting action is listed. */
export const OUTBOX_LINK = { ...WORKLIST_LINK, href: hrefOf({ view: 'outbox' }) } as const;
