import { memo } from 'react';
import { IconCertificate, IconShieldSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { Route } from '../routing/route';
import { useRoute } from '../routing/useRoute';
import { NavEntry } from '../shell/NavEntry';
import { NavSection } from '../shell/NavSection';

const ENTRIES = [
  { route: { view: 'certificates' }, label: 'certificates.nav.list', Icon: IconCertificate },
  { route: { view: 'verify' }, label: 'certificates.nav.verify', Icon: IconShieldSearch },
] as const satisfies readonly { route: Route; label: string; Icon: unknown }[];

/** The navbar's certificates section, below the queues: the list and the verification screen. */
export const CertificatesNav = memo(function CertificatesNav({ compact }: { compact: boolean }) {
  const { t } = useTranslation();
  const current = useRoute();
  return (
    <NavSection title={t('certificates.nav.title')} compact={compact}>
      {ENTRIES.map(({ route, label, Icon }) => (
        <NavEntry
          key={route.view}
          route={route}
          text={t(label)}
          Icon={Icon}
          active={current.view === route.view}
          compact={compact}
          testId={`nav-${route.view}`}
        />
      ))}
    </NavSection>
  );
});
