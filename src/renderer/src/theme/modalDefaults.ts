import type { MantineThemeComponents, ModalProps } from '@mantine/core';
import { i18next } from '../i18n/i18n';

/**
 * Every window's × button is named, in the interface's language (axe « button-name »: a screen
 * reader would otherwise announce a bare « bouton »). Mantine's `useProps` calls a theme's
 * `defaultProps` given as a function at each render, so the label follows a language switch.
 * A window that passes its own `closeButtonProps` replaces these.
 */
export const modalComponents: MantineThemeComponents = {
  Modal: {
    defaultProps: (): Partial<ModalProps> => ({
      closeButtonProps: { 'aria-label': i18next.t('certificates.close') },
    }),
  },
};
