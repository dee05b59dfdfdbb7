import { Button, Group } from '@mantine/core';
import { IconArrowsShuffle, IconUserShare } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { useSessionStore } from '../stores/sessionStore';
import { BalanceDialog } from './BalanceDialog';

/** « Répartir automatiquement » and « Réaffecter les dossiers de… »: supervisors only. */
export function BalanceButtons() {
  const { t } = useTranslation();
  const role = useSessionStore((state) => state.user?.role);
  const [dialog, setDialog] = useState<{ source: 'unassigned' | 'assignee'; key: number } | null>(
    null,
  );
  if (role !== 'superviseur') return null;
  const open = (source: 'unassigned' | 'assignee') =>
    setDialog({ source, key: (dialog?.key ?? 0) + 1 });
  return (
    <Group gap="xs" wrap="nowrap">
      <Button
        size="xs"
        variant="default"
        leftSection={<IconUserShare size={14} />}
        onClick={() => open('assignee')}
        data-testid="reassign-open"
      >
        {t('assignment.balance.reassignAction')}
      </Button>
      <Button
        size="xs"
        leftSection={<IconArrowsShuffle size={14} />}
        onClick={() => open('unassigned')}
        data-testid="balance-open"
      >
        {t('assignment.balance.action')}
      </Button>
      {dialog && (
        <BalanceDialog
          key={dialog.key}
          opened
          initialSource={dialog.source}
          onClose={() => setDialog(null)}
        />
      )}
    </Group>
  );
}
