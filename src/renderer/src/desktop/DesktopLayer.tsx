import { Menu } from '@mantine/core';
import { IconAdjustmentsHorizontal, IconInfoCircle } from '@tabler/icons-react';
import { useEffect } from 'react';
import { useTranslation } from 'react-i18next';
import type { DesktopCommand } from '../../../shared/api/events';
import { api } from '../api/api';
import { useShellStore } from '../stores/shellStore';
import { AboutDialog } from './AboutDialog';
import { useDesktopStore } from './desktopStore';
import { DisplaySettingsDialog } from './DisplaySettingsDialog';
import { zoomKey } from './zoomSteps';

function runCommand(command: DesktopCommand): void {
  const desktop = useDesktopStore.getState();
  if (command === 'about') desktop.setAboutOpen(true);
  else if (command === 'shortcuts') {
    desktop.setAboutOpen(false);
    desktop.setDisplayOpen(false);
    useShellStore.getState().setHelpOpen(true);
  } else if (command === 'zoom.in') desktop.zoomBy(1);
  else if (command === 'zoom.out') desktop.zoomBy(-1);
  else desktop.resetZoom();
}

/**
 * The desktop dialogs, Ctrl+= / Ctrl+- / Ctrl+0 (in the browser; Electron's menu sends the same
 * commands), and the Electron menu's commands. Mounted once, at the root, so zoom works on the
 * sign-in screen too.
 */
export function DesktopLayer() {
  useEffect(() => {
    const onKeyDown = (event: KeyboardEvent) => {
      const key = zoomKey(event);
      if (!key || event.defaultPrevented) return;
      // Instead of the browser's own zoom, which would stack on ours and not be remembered.
      event.preventDefault();
      runCommand(key === 'in' ? 'zoom.in' : key === 'out' ? 'zoom.out' : 'zoom.reset');
    };
    window.addEventListener('keydown', onKeyDown);
    const off = api.on('desktop.command', ({ command }) => runCommand(command));
    return () => {
      window.removeEventListener('keydown', onKeyDown);
      off();
    };
  }, []);
  return (
    <>
      <AboutDialog />
      <DisplaySettingsDialog />
    </>
  );
}

/** The user menu's entries for the desktop dialogs. */
export function DesktopMenuItems() {
  const { t } = useTranslation();
  const desktop = useDesktopStore.getState;
  return (
    <>
      <Menu.Item
        leftSection={<IconAdjustmentsHorizontal size={16} />}
        onClick={() => desktop().setDisplayOpen(true)}
      >
        {t('desktop.menu.display')}
      </Menu.Item>
      <Menu.Item
        leftSection={<IconInfoCircle size={16} />}
        onClick={() => desktop().setAboutOpen(true)}
      >
        {t('desktop.menu.about')}
      </Menu.Item>
    </>
  );
}
