import { Avatar, Badge, Group, Paper, Stack, Text, Title, UnstyledButton } from '@mantine/core';
import { IconSchool } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { TrainingAccount } from '../../../shared/api/sessionTypes';
import { initialsOf } from '../format/initials';
import { useSignInFields } from './signInFields';

/** Training mode: the seeded accounts and their shared password, one click to fill the form. */
export function TrainingAccounts({ accounts }: { accounts: TrainingAccount[] }) {
  const { t } = useTranslation();
  const fill = useSignInFields((state) => state.set);
  return (
    <Paper withBorder radius="md" p="lg" bg="var(--mantine-color-yellow-light)">
      <Stack gap="sm">
        <Group gap="xs">
          <IconSchool size={20} />
          <Title order={2} size="h4">
            {t('session.training.title')}
          </Title>
        </Group>
        <Text size="sm">
          {t('session.training.hint', { password: accounts[0]?.password ?? '' })}
        </Text>
        <Stack gap={4} component="ul" p={0} m={0} style={{ listStyle: 'none' }}>
          {accounts.map((account) => (
            <li key={account.username}>
              <UnstyledButton
                w="100%"
                p={6}
                style={{ borderRadius: 6 }}
                className="bureau-hoverable"
                title={t('session.training.use', { name: account.displayName })}
                onClick={() => fill({ username: account.username, password: account.password })}
              >
                <Group gap="sm" wrap="nowrap">
                  <Avatar color="togo" radius="xl" size={30}>
                    {initialsOf(account.displayName)}
                  </Avatar>
                  <div style={{ flex: 1, minWidth: 0 }}>
                    <Text size="sm" fw={600} truncate="end">
                      {account.displayName}
                    </Text>
                    <Text size="xs" c="dimmed" ff="monospace" truncate="end">
                      {account.username}
                    </Text>
                  </div>
                  <Badge
                    variant="light"
                    color={account.role === 'agent' ? 'gray' : 'togo'}
                    tt="none"
                  >
                    {t(`roles.${account.role}`)} · {account.officeCode}
                  </Badge>
                </Group>
              </UnstyledButton>
            </li>
          ))}
        </Stack>
      </Stack>
    </Paper>
  );
}
