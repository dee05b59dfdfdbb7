import { Alert, Button, Group, Loader, Radio, ScrollArea, Stack, Text } from '@mantine/core';
import { IconUserShare } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { InboxRow } from '../../../shared/api/types';
import { useApiMutation } from '../api/queries';
import { ConfirmFormDialog } from '../components/ConfirmFormDialog';
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
  procedureCodes,
  opened,
  onClose,
}: {
  caseIds: string[];
  /** The selection's procedures, to warn of a clerk who does not handle some of them. */
  procedureCodes: string[];
  opened: boolean;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const state = useOfficeStaff(opened, t('assignment.staff.loadFailed'));
  const [assigneeId, setAssigneeId] = useState<string | null>(null);
  const assign = useApiMutation('assignment.assign');
  const count = caseIds.length;

  return (
    <ConfirmFormDialog
      opened={opened}
      title={t('assignment.assign.title', { count, formatted: formatNumber(count, language) })}
      size="md"
      testId="assign-dialog"
      mutation={assign}
      variables={assigneeId ? { caseIds, assigneeId } : null}
      onDone={(outcome) => {
        useInboxStore.getState().clearChecked();
        onClose();
        // Also refreshes the lists the assigned cases left.
        showOutcome(outcome, t, language);
      }}
      onClose={onClose}
      cancelLabel={t('assignment.assign.cancel')}
      submit={{
        label: t('assignment.assign.submit'),
        icon: <IconUserShare size={16} />,
        testId: 'assign-submit',
      }}
      failureTestId="assign-error"
    >
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
              {state.staff.map((member) => {
                const notHandled = member.procedureCodes
                  ? procedureCodes.filter((code) => !member.procedureCodes!.includes(code))
                  : [];
                return (
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
                      <div style={{ minWidth: 0 }}>
                        <StaffMemberLabel member={member} />
                        {notHandled.length > 0 && (
                          <Text size="xs" c="orange.9" mt={4}>
                            {t('assignment.assign.notHandled', { codes: notHandled.join(', ') })}
                          </Text>
                        )}
                      </div>
                    </Group>
                  </Radio.Card>
                );
              })}
            </Stack>
          </ScrollArea.Autosize>
        </Radio.Group>
      )}
    </ConfirmFormDialog>
  );
}

/** « Affecter… » in the inbox selection bar: supervisors only. */
export function AssignButton({ rows }: { rows: readonly InboxRow[] }) {
  const { t } = useTranslation();
  const role = useSessionStore((state) => state.user?.role);
  const checked = useInboxStore((state) => state.checked);
  const [caseIds, setCaseIds] = useState<string[]>([]);
  const [procedureCodes, setProcedureCodes] = useState<string[]>([]);
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
          setProcedureCodes([
            ...new Set(rows.filter((row) => checked.has(row.id)).map((row) => row.procedureCode)),
          ]);
          setOpenings((value) => value + 1);
          setOpen(true);
        }}
        data-testid="assign-selection"
      >
        {t('assignment.assign.action')}
      </Button>
      <AssignDialog
        key={openings}
        caseIds={caseIds}
        procedureCodes={procedureCodes}
        opened={open}
        onClose={() => setOpen(false)}
      />
    </>
  );
}
