import { Anchor } from '@mantine/core';
import { IconListSearch } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { hrefOf } from '../routing/route';
import { useSessionStore } from '../stores/sessionStore';

/** « Voir dans le journal » on a case, for administrators: the audit journal filtered to it. */
export function CaseAuditLink({ reference }: { reference: string }) {
  const { t } = useTranslation();
  const administrator = useSessionStore((state) => state.user?.role === 'administrateur');
  if (!administrator) return null;
  return (
    <Anchor
      href={`${hrefOf({ view: 'admin', section: 'audit' })}?case=${encodeURIComponent(reference)}`}
      size="sm"
      ml="auto"
      data-testid="case-audit-link"
    >
      <IconListSearch
        size={15}
        aria-hidden
        style={{ verticalAlign: 'text-bottom', marginRight: 4 }}
      />
      {t('admin.audit.viewInJournal')}
    </Anchor>
  );
}
