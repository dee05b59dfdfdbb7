import { Alert, Button, NumberInput, Select, Stack, Text } from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { IconPlaneDeparture } from '@tabler/icons-react';
import type { TFunction } from 'i18next';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CheckOutResult } from '../../../shared/api/caseTypes';
import { invalidateCaseLists } from '../api/liveInvalidation';
import { useApiMutation, useApiQuery } from '../api/queries';
import { ConfirmFormDialog } from '../components/ConfirmFormDialog';
import { formatDate } from '../format/dates';
import { formatNumber } from '../format/numbers';
import type { Language } from '../i18n/language';
import { useLanguage } from '../shell/useLanguage';
import { useNow } from '../shell/useNow';
import { useInboxStore } from '../stores/inboxStore';
import { useSessionStore } from '../stores/sessionStore';
import { useOfficeStaff } from './useOfficeStaff';
import { refusalText } from '../api/errorMessage';

/** Refused cases the toast names; the rest are counted. */
const DAY_MS = 24 * 60 * 60 * 1000;
const SHOWN_REASONS = 4;

/** « 12 dossiers emportés jusqu'au 21/03 ; 2 refusés » and why each refused case was refused. */
export function describeCheckOut(result: CheckOutResult, t: TFunction, language: Language): string {
  const n = (value: number) => formatNumber(value, language);
  const until = result.checkedOut.find((item) => item.until)?.until ?? null;
  const taken = result.checkedOut.length;
  const lines: string[] = [
    until
      ? t('checkOut.result.taken', {
          count: taken,
          formatted: n(taken),
          until: formatDate(until, language),
        })
      : t('checkOut.result.none'),
  ];
  if (result.refused.length > 0) {
    lines[0] += ` ; ${t('checkOut.result.refused', {
      count: result.refused.length,
      formatted: n(result.refused.length),
    })}`;
    for (const refused of result.refused.slice(0, SHOWN_REASONS)) {
      lines.push(`${refused.reference}\u00a0: ${refusalText(refused.refusal, refused.reason)}`);
    }
    const more = result.refused.length - SHOWN_REASONS;
    if (more > 0) lines.push(t('checkOut.result.more', { count: more, formatted: n(more) }));
  }
  return lines.join('\n');
}

/** Days and, for a supervisor, the clerk who takes the cases offline. */
function CheckOutDialog({
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
  const user = useSessionStore((state) => state.user);
  const supervisor = user?.role === 'superviseur';
  const staff = useOfficeStaff(opened && supervisor, t('assignment.staff.loadFailed'));
  const [days, setDays] = useState<number | string>(5);
  const [forUserId, setForUserId] = useState<string | null>(user?.id ?? null);
  const checkOut = useApiMutation('cases.checkOut');
  const now = useNow(60_000);
  const count = caseIds.length;
  const validDays = typeof days === 'number' && Number.isInteger(days) && days >= 1 && days <= 14;
  const variables =
    validDays && forUserId
      ? { ids: caseIds, days, ...(forUserId !== user?.id ? { forUserId } : {}) }
      : null;

  return (
    <ConfirmFormDialog
      opened={opened}
      title={t('checkOut.title', { count, formatted: formatNumber(count, language) })}
      size="md"
      testId="checkout-dialog"
      mutation={checkOut}
      variables={variables}
      onDone={(result) => {
        useInboxStore.getState().clearChecked();
        onClose();
        notifications.show({
          color: result.refused.length > 0 ? 'orange' : 'togo',
          title: t('checkOut.result.title'),
          message: describeCheckOut(result, t, language),
          autoClose: result.refused.length > 0 ? 12_000 : 6_000,
          styles: { description: { whiteSpace: 'pre-line' } },
        });
        invalidateCaseLists();
      }}
      onClose={onClose}
      submit={{
        label: t('checkOut.submit'),
        icon: <IconPlaneDeparture size={16} />,
        testId: 'checkout-submit',
      }}
      initialFocus="content"
      failureTestId="checkout-error"
    >
      <Text size="sm">{t('checkOut.explain')}</Text>
      <Stack gap="xs">
        <NumberInput
          label={t('checkOut.days')}
          description={t('checkOut.daysHint')}
          min={1}
          max={14}
          step={1}
          allowDecimal={false}
          value={days}
          onChange={setDays}
          error={validDays ? undefined : t('checkOut.daysError')}
          data-autofocus
          data-testid="checkout-days"
        />
        {validDays && (
          <Text size="sm" c="dimmed" data-testid="checkout-until">
            {t('checkOut.until', {
              date: formatDate(new Date(now + days * DAY_MS).toISOString(), language),
            })}
          </Text>
        )}
        {supervisor && staff.phase === 'ready' && (
          <Select
            label={t('checkOut.forWhom')}
            data={staff.staff.map((member) => ({
              value: member.userId,
              label: member.displayName,
            }))}
            value={forUserId}
            onChange={setForUserId}
            searchable
            allowDeselect={false}
            data-testid="checkout-for"
          />
        )}
        {supervisor && staff.phase === 'error' && (
          <Alert color="red" variant="light">
            {staff.message}
          </Alert>
        )}
      </Stack>
    </ConfirmFormDialog>
  );
}

/**
 * « Emporter hors ligne » in the inbox selection bar (design multi-desk §8): on a desk of a
 * multi-desk office, for the cases a regional clerk will work without the portal.
 */
export function CheckOutButton() {
  const { t } = useTranslation();
  const role = useSessionStore((state) => state.user?.role);
  const checked = useInboxStore((state) => state.checked);
  const desk = useApiQuery('office.desk', {}).data;
  const [caseIds, setCaseIds] = useState<string[]>([]);
  const [open, setOpen] = useState(false);
  const [openings, setOpenings] = useState(0);
  if (role !== 'agent' && role !== 'superviseur') return null;
  if (desk?.mode !== 'office') return null;
  return (
    <>
      <Button
        size="compact-xs"
        variant="light"
        leftSection={<IconPlaneDeparture size={12} />}
        onClick={() => {
          setCaseIds([...checked]);
          setOpenings((value) => value + 1);
          setOpen(true);
        }}
        data-testid="checkout-selection"
      >
        {t('checkOut.action')}
      </Button>
      <CheckOutDialog
        key={openings}
        caseIds={caseIds}
        opened={open}
        onClose={() => setOpen(false)}
      />
    </>
  );
}
