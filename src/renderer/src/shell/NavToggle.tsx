import { ActionIcon, Tooltip } from '@mantine/core';
import { IconLayoutSidebarLeftCollapse, IconLayoutSidebarLeftExpand } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { useNavCollapsed, useShellStore } from '../stores/shellStore';

export const NAV_ID = 'bureau-sidebar';

/** Collapses the sidebar to icons, or expands it: each person's choice, remembered. */
export function NavToggle() {
  const { t } = useTranslation();
  const collapsed = useNavCollapsed();
  const label = collapsed ? t('layout.expandNav') : t('layout.collapseNav');
  const Icon = collapsed ? IconLayoutSidebarLeftExpand : IconLayoutSidebarLeftCollapse;
  return (
    <Tooltip label={label} position="bottom-start" withArrow>
      <ActionIcon
        variant="subtle"
        color="gray"
        size="lg"
        aria-label={label}
        aria-expanded={!collapsed}
        aria-controls={NAV_ID}
        onClick={() => useShellStore.getState().toggleNav()}
        data-testid="nav-toggle"
      >
        <Icon size={20} stroke={1.6} />
      </ActionIcon>
    </Tooltip>
  );
}
