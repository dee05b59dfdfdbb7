import type { MantineThemeComponents, NotificationProps } from '@mantine/core';
import { i18next } from '../i18n/i18n';

/**
 * Toasts axe accepts (issue 19). Every toast's × button is named in the interface's language
 * (« button-name », critical: a screen reader would announce a bare « bouton »): `@mantine/
 * notifications` draws each toast with the core `Notification`, whose theme `defaultProps`, given
 * as a function, are read at each render; a toast that passes its own `closeButtonProps` replaces
 * them. A toast's text under a title is Mantine's gray.6 (3.3:1 on white): the app's readable
 * « dimmed » instead (4.5:1), as theme `styles`, which merge with a toast's own.
 */
export const notificationComponents: MantineThemeComponents = {
  Notification: {
    defaultProps: (): Partial<NotificationProps> => ({
      closeButtonProps: { 'aria-label': i18next.t('app.closeNotification') },
    }),
    styles: { description: { color: 'var(--mantine-color-dimmed)' } },
  },
};
