import { Badge, Group, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { StaffLoad } from '../../../shared/api/assignmentTypes';
import { formatNumber } from '../format/numbers';
import { useLanguage } from '../shell/useLanguage';

/** A clerk as the supervisor chooses them: name, open load, overdue cases, procedures handled. */
export function StaffMemberLabel({ member }: { member: StaffLoad }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const n = (value: number) => formatNumber(value, language);
  return (
    <div style={{ minWidth: 0 }}>
      <Group gap={6} wrap="nowrap">
        <Text size="sm" fw={600} truncate="end">
          {member.displayName}
        </Text>
        {member.role === 'superviseur' && (
          <Badge size="xs" variant="light" color="gray" tt="none">
            {t('assignment.staff.supervisor')}
          </Badge>
        )}
      </Group>
      <Group gap={6} wrap="wrap" mt={2}>
        <Text size="xs" c="dimmed">
          {t('assignment.staff.open', { count: member.openCases, formatted: n(member.openCases) })}
        </Text>
        {member.overdue > 0 && (
          <Text size="xs" c="red.7" fw={600}>
            ·{' '}
            {t('assignment.staff.overdue', { count: member.overdue, formatted: n(member.overdue) })}
          </Text>
        )}
        <Text size="xs" c="dimmed">
          ·
        </Text>
        {member.procedureCodes === null ? (
          <Text size="xs" c="dimmed">
            {t('assignment.staff.allProcedures')}
          </Text>
        ) : (
          member.procedureCodes.map((code) => (
            <Badge key={code} size="xs" variant="outline" color="gray" tt="none">
              {code}
            </Badge>
          ))
        )}
      </Group>
    </div>
  );
}
