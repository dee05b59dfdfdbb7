import { NavLink, Stack, Text, Tooltip, UnstyledButton } from '@mantine/core';
import { IconCertificate, IconShieldSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { hrefOf, type Route } from '../routing/route';
import { useRoute } from '../routing/useRoute';
import classes from '../shell/QueueNav.module.css';

const ENTRIES = [
  { route: { view: 'certificates' }, label: 'certificates.nav.list', Icon: IconCertificate },
  { route: { view: 'verify' }, label: 'certificates.nav.verify', Icon: IconShieldSearch },
] as const satisfies readonly { route: Route; label: string; Icon: unknown }[];

/** The navbar's certificates section, below the queues: the list and the verification screen. */
export function CertificatesNav({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const current = useRoute();
  return (
    <Stack gap={2} mt="lg" component="nav" aria-label={t('certificates.nav.title')}>
      {!compact && (
        <Text size="xs" fw={700} c="dimmed" tt="uppercase" px="sm" pb={4}>
          {t('certificates.nav.title')}
        </Text>
      )}
      {ENTRIES.map(({ route, label, Icon }) => {
        const active = current.view === route.view;
        const text = t(label);
        return compact ? (
          <Tooltip key={route.view} label={text} position="right" withArrow>
            <UnstyledButton
              component="a"
              href={hrefOf(route)}
              className={classes.compact}
              data-active={active || undefined}
              aria-current={active ? 'page' : undefined}
              aria-label={text}
            >
              <Icon size={20} stroke={1.6} />
            </UnstyledButton>
          </Tooltip>
        ) : (
          <NavLink
            key={route.view}
            href={hrefOf(route)}
            label={text}
            leftSection={<Icon size={18} stroke={1.6} />}
            active={active}
            aria-current={active ? 'page' : undefined}
            variant="light"
            classNames={{ label: classes.label }}
            data-testid={`nav-${route.view}`}
          />
        );
      })}
    </Stack>
  );
}
