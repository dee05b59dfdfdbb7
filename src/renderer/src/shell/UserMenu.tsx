import { Avatar, Group, Menu, Text, UnstyledButton } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconCheck, IconLanguage, IconSchool } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { initialsOf } from '../format/initials';
import { switchLanguage } from '../i18n/i18n';
import { LANGUAGES, type Language } from '../i18n/language';
import { useCaseStore } from '../stores/caseStore';
import { useInboxStore } from '../stores/inboxStore';
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
  const trainingUsers = useSessionStore((state) => state.trainingUsers);

  const actAs = async (userId: string) => {
    const now = await useSessionStore.getState().switchUser(userId);
    notifications.show({
      color: 'togo',
      message: t('review.switchedTo', { name: now.displayName }),
    });
    // Queues, counts and the open case all depend on who is looking.
    void useInboxStore.getState().reload();
    void useInboxStore.getState().loadCounts();
    void useCaseStore.getState().refresh();
  };
  return (
    <Menu position="bottom-end" width={240} withinPortal>
      <Menu.Target>
        <UnstyledButton aria-label={t('user.menuLabel')} px={6} py={4} style={{ borderRadius: 6 }}>
          <Group gap="xs" wrap="nowrap">
            <Avatar color="togo" radius="xl" size={32}>
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
        {trainingUsers.length > 0 && (
          <>
            <Menu.Label>
              <Group gap={6}>
                <IconSchool size={14} />
                {t('review.actingAs')}
              </Group>
            </Menu.Label>
            {trainingUsers.map((candidate) => (
              <Menu.Item
                key={candidate.id}
                onClick={() => void actAs(candidate.id)}
                rightSection={candidate.id === user?.id ? <IconCheck size={14} /> : null}
                aria-current={candidate.id === user?.id ? 'true' : undefined}
                data-testid={`act-as-${candidate.id}`}
              >
                <Text size="sm">{candidate.displayName}</Text>
                <Text size="xs" c="dimmed">
                  {t(`roles.${candidate.role}`)} · {candidate.officeCode}
                </Text>
              </Menu.Item>
            ))}
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
      </Menu.Dropdown>
    </Menu>
  );
}
