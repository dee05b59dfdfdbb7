import { Avatar, Group, Menu, Text, UnstyledButton, VisuallyHidden } from '@mantine/core';
import { IconCheck, IconKey, IconLanguage, IconLock, IconLogout } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { DesktopMenuItems } from '../desktop/DesktopLayer';
import { initialsOf } from '../format/initials';
import { switchLanguage } from '../i18n/i18n';
import { LANGUAGES, type Language } from '../i18n/language';
import { ChangePasswordDialog } from '../session/ChangePasswordDialog';
import { useSessionStore } from '../stores/sessionStore';
import { useLanguage } from './useLanguage';

const LANGUAGE_KEYS: Record<Language, 'user.french' | 'user.english'> = {
  fr: 'user.french',
  en: 'user.english',
};

export function UserMenu() {
  const { t } = useTranslation();
  const language = useLanguage();
  const user = useSessionStore((state) => state.user);
  const name = user?.displayName ?? t('user.notSignedIn');
  const [changingPassword, setChangingPassword] = useState(false);
  return (
    <>
      <ChangePasswordDialog opened={changingPassword} onClose={() => setChangingPassword(false)} />
      <Menu position="bottom-end" width={240} withinPortal>
        <Menu.Target>
          {/* Named by what it shows (the user, role and office) then « Menu de l’utilisateur »,
              so the visible text is part of the name (WCAG 2.5.3); the initials repeat the name. */}
          <UnstyledButton px={6} py={4} style={{ borderRadius: 6 }}>
            <Group gap="xs" wrap="nowrap">
              <Avatar color="togo" radius="xl" size={32} aria-hidden>
                {user ? initialsOf(user.displayName) : '?'}
              </Avatar>
              <div style={{ lineHeight: 1.2, minWidth: 0 }}>
                <Text size="sm" fw={600} truncate="end">
                  {name}
                </Text>
                {user && (
                  <Text size="xs" c="dimmed" truncate="end">
                    {t(`roles.${user.role}`)} · {user.officeCode}
                  </Text>
                )}
              </div>
              <VisuallyHidden>{t('user.menuLabel')}</VisuallyHidden>
            </Group>
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          {user && (
            <>
              <Menu.Label>{t('user.office', { office: user.officeCode })}</Menu.Label>
              <Menu.Divider />
            </>
          )}
          <Menu.Label>
            <Group gap={6}>
              <IconLanguage size={14} />
              {t('user.language')}
            </Group>
          </Menu.Label>
          {LANGUAGES.map((code) => (
            <Menu.Item
              key={code}
              lang={code}
              onClick={() => void switchLanguage(code)}
              rightSection={code === language ? <IconCheck size={14} /> : null}
              aria-current={code === language ? 'true' : undefined}
            >
              {t(LANGUAGE_KEYS[code])}
            </Menu.Item>
          ))}
          <Menu.Divider />
          <DesktopMenuItems />
          {user && (
            <>
              <Menu.Divider />
              <Menu.Item
                leftSection={<IconKey size={16} />}
                onClick={() => setChangingPassword(true)}
              >
                {t('session.menu.changePassword')}
              </Menu.Item>
              <Menu.Item
                leftSection={<IconLock size={16} />}
                onClick={() => void useSessionStore.getState().lock()}
              >
                {t('session.menu.lock')}
              </Menu.Item>
              <Menu.Item
                leftSection={<IconLogout size={16} />}
                color="red"
                onClick={() => void useSessionStore.getState().signOut()}
              >
                {t('session.menu.signOut')}
              </Menu.Item>
            </>
          )}
        </Menu.Dropdown>
      </Menu>
    </>
  );
}
