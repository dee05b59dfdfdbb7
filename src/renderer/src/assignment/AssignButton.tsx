import { Alert, Button, Group, Loader, Modal, Radio, ScrollArea, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconUserShare } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api } from '../api/api';
import { errorMessage } from '../api/errorMessage';
import { formatNumber } from '../format/numbers';
import { useLanguage } from '../shell/useLanguage';
import { useInboxStore } from '../stores/inboxStore';
import { useSessionStore } from '../stores/sessionStore';
import { showOutcome } from './outcomeToast';
import { StaffMemberLabel } from './StaffMemberLabel';
import { useOfficeStaff } from './useOfficeStaff';

/** Chooses the clerk who receives the selected cases. */
function AssignDialog({
  caseIds,
  opened,
  onClose,
}: {
  caseIds: string[];
  opened: boolean;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const { state } = useOfficeStaff(opened, t('assignment.staff.loadFailed'));
  const [assigneeId, setAssigneeId] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const count = caseIds.length;

  const submit = async () => {
    if (!assigneeId) return;
    setBusy(true);
    try {
      const outcome = await api.call('assignment.assign', { caseIds, assigneeId });
      useInboxStore.getState().clearChecked();
      onClose();
      showOutcome(outcome, t, language);
    } catch (error) {
      notifications.show({
        color: 'red',
        title: t('assignment.result.failed'),
        message: errorMessage(error, t('app.unexpectedError')),
      });
    } finally {
      setBusy(false);
    }
  };

  return (
    <Modal
      opened={opened}
      onClose={busy ? () => undefined : onClose}
      title={t('assignment.assign.title', { count, formatted: formatNumber(count, language) })}
      size="md"
      data-testid="assign-dialog"
    >
      <Stack gap="md">
        {state.phase === 'loading' && (
          <Group gap="xs">
            <Loader size="xs" />
            <Text size="sm" c="dimmed">
              {t('assignment.staff.loading')}
            </Text>
          </Group>
        )}
        {state.phase === 'error' && (
          <Alert color="red" variant="light">
            {state.message}
          </Alert>
        )}
        {state.phase === 'ready' && (
          <Radio.Group
            label={t('assignment.assign.chooseClerk')}
            value={assigneeId}
            onChange={setAssigneeId}
          >
            <ScrollArea.Autosize mah={360} mt="xs">
              <Stack gap="xs">
                {state.staff.map((member) => (
                  <Radio.Card
                    key={member.userId}
                    value={member.userId}
                    p="xs"
                    radius="sm"
                    aria-label={member.displayName}
                    data-testid={`assign-to-${member.userId}`}
                  >
                    <Group gap="sm" wrap="nowrap" align="flex-start">
                      <Radio.Indicator mt={2} />
                      <StaffMemberLabel member={member} />
                    </Group>
                  </Radio.Card>
                ))}
              </Stack>
            </ScrollArea.Autosize>
          </Radio.Group>
        )}
        <Group justify="flex-end" gap="sm">
          <Button variant="default" onClick={onClose} disabled={busy}>
            {t('assignment.assign.cancel')}
          </Button>
          <Button
            leftSection={<IconUserShare size={16} />}
            disabled={!assigneeId}
            loading={busy}
            onClick={() => void submit()}
            data-testid="assign-submit"
          >
            {t('assignment.assign.submit')}
          </Button>
        </Group>
      </Stack>
    </Modal>
  );
}

/** « Affecter… » in the inbox selection bar: supervisors only. */
export function AssignButton() {
  const { t } = useTranslation();
  const role = useSessionStore((state) => state.user?.role);
  const checked = useInboxStore((state) => state.checked);
  const [caseIds, setCaseIds] = useState<string[]>([]);
  const [open, setOpen] = useState(false);
  const [openings, setOpenings] = useState(0);
  if (role !== 'superviseur') return null;
  return (
    <>
      <Button
        size="compact-xs"
        variant="filled"
        leftSection={<IconUserShare size={12} />}
        onClick={() => {
          // The dialog works on the selection as it was when opened.
          setCaseIds([...checked]);
          setOpenings((value) => value + 1);
          setOpen(true);
        }}
        data-testid="assign-selection"
      >
        {t('assignment.assign.action')}
      </Button>
      <AssignDialog key={openings} caseIds={caseIds} opened={open} onClose={() => setOpen(false)} />
    </>
  );
}
