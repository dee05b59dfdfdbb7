import { ActionIcon, Tooltip } from '@mantine/core';
import { IconLayoutSidebarLeftCollapse, IconLayoutSidebarLeftExpand } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavCollapsed, useShellStore } from '../stores/shellStore';
import { shortcut } from './shortcuts';
import { comboText } from './shortcutKeys';

export const NAV_ID = 'bureau-sidebar';

/** Collapses the sidebar to icons, or expands it (also Ctrl/⌘+B): each person's choice, remembered. */
export function NavToggle() {
  const { t } = useTranslation();
  const collapsed = useNavCollapsed();
  const label = collapsed ? t('layout.expandNav') : t('layout.collapseNav');
  const Icon = collapsed ? IconLayoutSidebarLeftExpand : IconLayoutSidebarLeftCollapse;
  const combo = shortcut('general.toggleNav').keys[0]!;
  return (
    <Tooltip label={`${label} (${comboText(combo, t)})`} position="bottom-start" withArrow>
      <ActionIcon
        variant="subtle"
        color="gray"
        size="lg"
        aria-label={label}
        aria-expanded={!collapsed}
        aria-controls={NAV_ID}
        aria-keyshortcuts={combo
          .map((key) => (key === 'Mod' ? 'Control' : key.toUpperCase()))
          .join('+')}
        onClick={() => useShellStore.getState().toggleNav()}
        data-testid="nav-toggle"
      >
        <Icon size={20} stroke={1.6} />
      </ActionIcon>
    </Tooltip>
  );
}
