import type { MenuItemConstructorOptions } from 'electron';
import type { DesktopCommand } from '../../shared/api/events';

export interface MenuActions {
  /** Development build (not packaged): adds the developer tools. */
  isDev: boolean;
  /** Asks the renderer to carry out a command (it owns the zoom, the help and À propos). */
  send(command: DesktopCommand): void;
  /** The page, through the operating system's print dialog. */
  print(): void;
}

/**
 * The French application menu. Pure: built from plain options so a test can read every label,
 * accelerator and action without Electron. Edit items use Electron's roles (they act on the
 * focused field); zoom goes to the renderer, which keeps one persisted zoom for both hosts.
 */
export function applicationMenuTemplate(actions: MenuActions): MenuItemConstructorOptions[] {
  const send = (command: DesktopCommand) => () => actions.send(command);
  return [
    {
      label: '&Fichier',
      submenu: [
        { label: 'Imprimer…', accelerator: 'CommandOrControl+P', click: () => actions.print() },
        { type: 'separator' },
        { label: 'Quitter', role: 'quit', accelerator: 'CommandOrControl+Q' },
      ],
    },
    {
      label: 'É&dition',
      submenu: [
        { label: 'Annuler', role: 'undo', accelerator: 'CommandOrControl+Z' },
        { label: 'Rétablir', role: 'redo', accelerator: 'CommandOrControl+Y' },
        { type: 'separator' },
        { label: 'Couper', role: 'cut', accelerator: 'CommandOrControl+X' },
        { label: 'Copier', role: 'copy', accelerator: 'CommandOrControl+C' },
        { label: 'Coller', role: 'paste', accelerator: 'CommandOrControl+V' },
        { label: 'Tout sélectionner', role: 'selectAll', accelerator: 'CommandOrControl+A' },
      ],
    },
    {
      label: '&Affichage',
      submenu: [
        { label: 'Zoom avant', accelerator: 'CommandOrControl+=', click: send('zoom.in') },
        // Ctrl and the keypad's or the shifted « + » (the label shows Ctrl+= only).
        {
          label: 'Zoom avant',
          accelerator: 'CommandOrControl+Plus',
          click: send('zoom.in'),
          visible: false,
          acceleratorWorksWhenHidden: true,
        },
        { label: 'Zoom arrière', accelerator: 'CommandOrControl+-', click: send('zoom.out') },
        { label: 'Taille réelle', accelerator: 'CommandOrControl+0', click: send('zoom.reset') },
        { type: 'separator' },
        { label: 'Plein écran', role: 'togglefullscreen', accelerator: 'F11' },
        ...(actions.isDev
          ? ([
              { type: 'separator' },
              { label: 'Recharger', role: 'reload', accelerator: 'CommandOrControl+R' },
              {
                label: 'Outils de développement',
                role: 'toggleDevTools',
                accelerator: 'CommandOrControl+Shift+I',
              },
            ] satisfies MenuItemConstructorOptions[])
          : []),
      ],
    },
    {
      label: 'A&ide',
      submenu: [
        {
          label: 'Raccourcis clavier',
          // Shown, not registered: « ? » typed in a field must stay a question mark. The
          // renderer handles the key itself outside fields.
          accelerator: '?',
          registerAccelerator: false,
          click: send('shortcuts'),
        },
        { type: 'separator' },
        { label: 'À propos de Bureau', click: send('about') },
      ],
    },
  ];
}
