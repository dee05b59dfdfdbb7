import { Badge, Group, Paper, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/api/types';
import { formatDateTime } from '../../format/dates';
import { useLanguage } from '../../shell/useLanguage';

const COLORS = {
  approved: 'togo',
  rejected: 'red',
  info_requested: 'orange',
  signoff_requested: 'violet',
  signoff_returned: 'orange',
} as const;

/** The latest decision or request, with its reasons and comment, as the applicant will see it. */
export function LastDecision({ detail }: { detail: CaseDetail }) {
  const { t } = useTranslation();
  const language = useLanguage();
  const decision = detail.review.workflow.lastDecision;
  if (!decision) return null;
  const reasonLabel = (code: string) =>
    detail.procedure.rejectReasons.find((reason) => reason.code === code)?.label[language] ?? code;
  const documentLabel = (code: string) =>
    detail.procedure.documents.find((document) => document.code === code)?.label[language] ?? code;
  const fieldLabel = (id: string) =>
    detail.procedure.sections.flatMap((section) => section.fields).find((field) => field.id === id)
      ?.label[language] ?? id;
  const items = [
    ...decision.reasonCodes.map(reasonLabel),
    ...decision.missingDocuments.map(documentLabel),
    ...decision.fieldsToCorrect.map(fieldLabel),
  ];
  return (
    <Paper withBorder p="sm" radius="md" data-testid="last-decision">
      <Group gap="xs" mb={4}>
        <Text size="xs" c="dimmed" tt="uppercase" fw={700}>
          {t('review.lastDecision')}
        </Text>
        <Badge color={COLORS[decision.kind]} variant="light">
          {t(`review.decisionKinds.${decision.kind}`)}
        </Badge>
        <Text size="xs" c="dimmed">
          {decision.by.displayName} · {formatDateTime(decision.at, language)}
        </Text>
      </Group>
      {items.length > 0 && (
        <Text size="sm" component="ul" m={0} pl="md">
          {items.map((item) => (
            <li key={item}>{item}</li>
          ))}
        </Text>
      )}
      {decision.comment && (
        <Text size="sm" style={{ whiteSpace: 'pre-wrap' }}>
          « {decision.comment} »
        </Text>
      )}
    </Paper>
  );
}
