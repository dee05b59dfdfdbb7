import {
  Alert,
  Button,
  Checkbox,
  Divider,
  Group,
  List,
  Loader,
  Modal,
  Progress,
  ScrollArea,
  SegmentedControl,
  Select,
  Stack,
  Text,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconAlertTriangle, IconArrowsShuffle, IconEye } from '@tabler/icons-react';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type {
  AssignmentOutcome,
  BalancePlan,
  BalanceSource,
  StaffLoad,
} from '../../../shared/api/assignmentTypes';
import { api } from '../api/api';
import { errorMessage, refusalText } from '../api/errorMessage';
import { formatNumber } from '../format/numbers';
import { useLanguage } from '../shell/useLanguage';
import { LoadBars } from './LoadBars';
import { showOutcome } from './outcomeToast';
import { PlanTable } from './PlanTable';
import { StaffMemberLabel } from './StaffMemberLabel';
import { useOfficeStaff } from './useOfficeStaff';

export type SourceKind = BalanceSource['kind'];

/** Items per apply call: the progress bar moves, and no single request runs long. */
const APPLY_CHUNK = 250;

type Step =
  | { name: 'setup' }
  | { name: 'previewing' }
  | { name: 'preview'; plan: BalancePlan }
  | { name: 'applying'; plan: BalancePlan; done: number };

/**
 * Automatic balancing: choose what to distribute (the office's unassigned cases, or a clerk's
 * before leave) and among whom, look at the plan (loads before → after, each case and its clerk,
 * what nobody may take), then apply it. The core re-checks every rule when applying.
 */
export function BalanceDialog({
  opened,
  initialSource,
  onClose,
}: {
  opened: boolean;
  initialSource: Exclude<SourceKind, 'selection'>;
  onClose(): void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const n = (value: number) => formatNumber(value, language);
  const state = useOfficeStaff(opened, t('assignment.staff.loadFailed'));
  const [sourceKind, setSourceKind] = useState(initialSource);
  const [sourceClerk, setSourceClerk] = useState<string | null>(null);
  // Untouched: every agent (not the supervisors) is chosen.
  const [chosen, setChosen] = useState<Set<string> | null>(null);
  const [step, setStep] = useState<Step>({ name: 'setup' });
  const [problem, setProblem] = useState<string | null>(null);

  const staff = state.phase === 'ready' ? state.staff : [];
  const chosenIds =
    chosen ?? new Set(staff.filter((member) => member.role === 'agent').map((m) => m.userId));
  const excluded = sourceKind === 'assignee' ? sourceClerk : null;
  const targets = staff.filter(
    (member) => chosenIds.has(member.userId) && member.userId !== excluded,
  );
  const source: BalanceSource | null =
    sourceKind === 'unassigned'
      ? { kind: 'unassigned' }
      : sourceClerk
        ? { kind: 'assignee', userId: sourceClerk }
        : null;
  const busy = step.name === 'previewing' || step.name === 'applying';

  const toggle = (member: StaffLoad, on: boolean) => {
    const next = new Set(chosenIds);
    if (on) next.add(member.userId);
    else next.delete(member.userId);
    setChosen(next);
  };

  const preview = async () => {
    if (!source || targets.length === 0) return;
    setProblem(null);
    setStep({ name: 'previewing' });
    try {
      const plan = await api.call('assignment.previewBalance', {
        source,
        clerkIds: targets.map((member) => member.userId),
      });
      setStep({ name: 'preview', plan });
    } catch (error) {
      setProblem(errorMessage(error, t('assignment.balance.previewFailed')));
      setStep({ name: 'setup' });
    }
  };

  const apply = async (plan: BalancePlan) => {
    const items = plan.items.map(({ caseId, assigneeId }) => ({ caseId, assigneeId }));
    const total: AssignmentOutcome = { assigned: 0, skipped: [] };
    setStep({ name: 'applying', plan, done: 0 });
    try {
      for (let start = 0; start < items.length; start += APPLY_CHUNK) {
        const outcome = await api.call('assignment.applyBalance', {
          items: items.slice(start, start + APPLY_CHUNK),
        });
        total.assigned += outcome.assigned;
        total.skipped.push(...outcome.skipped);
        setStep({ name: 'applying', plan, done: Math.min(items.length, start + APPLY_CHUNK) });
      }
      onClose();
      showOutcome(total, t, language);
    } catch (error) {
      // What was applied stays applied; say so, with the reason for the stop.
      notifications.show({
        color: 'red',
        title: t('assignment.result.failed'),
        message: `${t('assignment.result.assigned', {
          count: total.assigned,
          formatted: n(total.assigned),
        })}. ${errorMessage(error, t('app.unexpectedError'))}`,
        autoClose: false,
      });
      setStep({ name: 'preview', plan });
    }
  };

  const title =
    initialSource === 'assignee'
      ? t('assignment.balance.reassignTitle')
      : t('assignment.balance.title');

  return (
    <Modal
      opened={opened}
      onClose={busy ? () => undefined : onClose}
      closeOnEscape={!busy}
      withCloseButton={!busy}
      title={title}
      size="xl"
      data-testid="balance-dialog"
    >
      {step.name === 'setup' || step.name === 'previewing' ? (
        <Stack gap="md">
          <div>
            <Text size="sm" fw={600} mb={6}>
              {t('assignment.balance.source')}
            </Text>
            <SegmentedControl
              value={sourceKind}
              onChange={(value) => setSourceKind(value as typeof sourceKind)}
              data={[
                { value: 'unassigned', label: t('assignment.balance.sourceUnassigned') },
                { value: 'assignee', label: t('assignment.balance.sourceAssignee') },
              ]}
              disabled={busy}
            />
          </div>
          {sourceKind === 'assignee' && (
            <Select
              label={t('assignment.balance.sourceClerk')}
              placeholder={t('assignment.balance.sourceClerkPlaceholder')}
              data={staff.map((member) => ({
                value: member.userId,
                label: `${member.displayName} — ${t('assignment.staff.open', {
                  count: member.openCases,
                  formatted: n(member.openCases),
                })}`,
              }))}
              value={sourceClerk}
              onChange={setSourceClerk}
              allowDeselect={false}
              comboboxProps={{ withinPortal: true }}
              data-testid="balance-source-clerk"
            />
          )}
          <div>
            <Text size="sm" fw={600}>
              {t('assignment.balance.clerks')}
            </Text>
            <Text size="xs" c="dimmed" mb={6}>
              {t('assignment.balance.clerksHint')}
            </Text>
            {state.phase === 'loading' && <Loader size="sm" />}
            {state.phase === 'error' && (
              <Alert color="red" variant="light">
                {state.message}
              </Alert>
            )}
            <ScrollArea.Autosize mah={300} type="auto">
              <Stack gap={6}>
                {staff.map((member) => {
                  const isSource = member.userId === excluded;
                  return (
                    <Checkbox.Card
                      key={member.userId}
                      checked={chosenIds.has(member.userId) && !isSource}
                      disabled={isSource || busy}
                      onChange={(on) => toggle(member, on)}
                      p="xs"
                      radius="sm"
                      aria-label={member.displayName}
                      data-testid={`balance-clerk-${member.userId}`}
                      style={isSource ? { opacity: 0.55 } : undefined}
                    >
                      <Group gap="sm" wrap="nowrap" align="flex-start">
                        <Checkbox.Indicator mt={2} disabled={isSource || busy} />
                        <StaffMemberLabel member={member} />
                        {isSource && (
                          <Text size="xs" c="dimmed" ml="auto">
                            {t('assignment.balance.excludedSource')}
                          </Text>
                        )}
                      </Group>
                    </Checkbox.Card>
                  );
                })}
              </Stack>
            </ScrollArea.Autosize>
          </div>
          {problem && (
            <Alert color="red" variant="light" role="alert">
              {problem}
            </Alert>
          )}
          <Group justify="flex-end">
            <Button
              leftSection={<IconEye size={16} />}
              disabled={!source || targets.length === 0}
              loading={step.name === 'previewing'}
              onClick={() => void preview()}
              data-testid="balance-preview"
            >
              {t('assignment.balance.preview')}
            </Button>
          </Group>
        </Stack>
      ) : (
        <PlanView
          plan={step.plan}
          applying={step.name === 'applying' ? step.done : null}
          onBack={() => setStep({ name: 'setup' })}
          onApply={() => void apply(step.plan)}
        />
      )}
    </Modal>
  );
}

function PlanView({
  plan,
  applying,
  onBack,
  onApply,
}: {
  plan: BalancePlan;
  /** Cases sent so far while applying; null before. */
  applying: number | null;
  onBack(): void;
  onApply(): void;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const n = (value: number) => formatNumber(value, language);
  const count = plan.items.length;
  const receivers = new Set(plan.items.map((item) => item.assigneeId)).size;
  return (
    <Stack gap="md" data-testid="balance-preview-view">
      <Text size="sm" fw={600} data-testid="balance-summary">
        {count === 0
          ? t('assignment.balance.nothing')
          : t('assignment.balance.summary', { count, formatted: n(count), clerks: n(receivers) })}
      </Text>
      {plan.truncated && (
        <Alert color="blue" variant="light">
          {t('assignment.balance.truncated', { count, formatted: n(count) })}
        </Alert>
      )}
      <div>
        <Title order={3} size="h6" mb={8}>
          {t('assignment.balance.loads')}
        </Title>
        <LoadBars loads={plan.loads} />
      </div>
      {count > 0 && (
        <div>
          <Title order={3} size="h6" mb={4}>
            {t('assignment.balance.cases')}
          </Title>
          <PlanTable plan={plan} />
        </div>
      )}
      {plan.unassignable.length > 0 && (
        <Alert
          color="orange"
          variant="light"
          icon={<IconAlertTriangle />}
          title={t('assignment.balance.unassignable', {
            count: plan.unassignable.length,
            formatted: n(plan.unassignable.length),
          })}
          data-testid="balance-unassignable"
        >
          <ScrollArea.Autosize mah={140} type="auto">
            <List size="sm" spacing={2}>
              {plan.unassignable.map((skip) => (
                <List.Item key={skip.caseId}>
                  <Text span ff="monospace" size="sm" fw={600}>
                    {skip.reference ?? skip.caseId}
                  </Text>{' '}
                  — {refusalText(skip.refusal, skip.reason)}
                </List.Item>
              ))}
            </List>
          </ScrollArea.Autosize>
        </Alert>
      )}
      {applying !== null && (
        <Stack gap={4}>
          <Text size="sm" role="status">
            {t('assignment.balance.applying', { done: n(applying), total: n(count) })}
          </Text>
          <Progress value={count === 0 ? 0 : (applying / count) * 100} animated size="lg" />
        </Stack>
      )}
      <Divider />
      <Group justify="space-between">
        <Button variant="default" onClick={onBack} disabled={applying !== null}>
          {t('assignment.balance.back')}
        </Button>
        <Button
          leftSection={<IconArrowsShuffle size={16} />}
          disabled={count === 0}
          loading={applying !== null}
          onClick={onApply}
          data-testid="balance-apply"
        >
          {t('assignment.balance.apply', { count, formatted: n(count) })}
        </Button>
      </Group>
    </Stack>
  );
}
