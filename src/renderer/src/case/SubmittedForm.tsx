import { Badge, Group, Stack, Table, Text, Title } from '@mantine/core';
import { IconAlertTriangle } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import type { ProcedureDefinition } from '../../../shared/catalog/procedureSchema';
import type { FormIssue } from '../../../shared/catalog/validateForm';
import type { FormValue } from '../../../shared/portal/portalApplication';
import { useLanguage } from '../shell/useLanguage';
import classes from './CaseView.module.css';
import { fieldValueText } from './fieldValueText';
import { formValueText } from './formValueText';

/** Identifiers, kept on one line (cut with « … », whole in the tooltip) rather than broken. */
const ONE_LINE_TYPES: ReadonlySet<string> = new Set(['email', 'phone', 'nif', 'rccm', 'hsCode']);

function IssueLines({ issues }: { issues: FormIssue[] }) {
  return issues.map((issue, index) => (
    <Text
      key={index}
      size="xs"
      c={issue.severity === 'error' ? 'red.8' : 'orange.8'}
      mt={2}
      style={{ display: 'flex', gap: 4, alignItems: 'center' }}
    >
      <IconAlertTriangle size={14} aria-hidden />
      {issue.message}
    </Text>
  ));
}

function FieldValue({ text, oneLine }: { text: string; oneLine: boolean }) {
  return oneLine ? (
    <Text size="sm" className={classes.oneLine} title={text} data-one-line>
      {text}
    </Text>
  ) : (
    <Text size="sm" miw={0}>
      {text}
    </Text>
  );
}

/** The form as submitted, laid out by the procedure's own sections and labels. */
export function SubmittedForm({
  procedure,
  form,
  issues,
  changedFields = [],
}: {
  procedure: ProcedureDefinition;
  form: Record<string, FormValue>;
  issues: FormIssue[];
  /** Fields the applicant's latest reply changed: highlighted until the next decision. */
  changedFields?: readonly string[];
}) {
  const changed = new Set(changedFields);
  const { t } = useTranslation();
  const language = useLanguage();
  const issuesOf = (fieldId: string) => issues.filter((issue) => issue.fieldId === fieldId);
  const known = new Set(procedure.sections.flatMap((section) => section.fields.map((f) => f.id)));
  const extra = Object.entries(form).filter(([key]) => !known.has(key));

  return (
    <Stack gap="md" data-testid="case-form">
      {procedure.sections.map((section) => (
        <div key={section.id}>
          <Title order={4} size="sm" c="dimmed" mb={4}>
            {section.title[language]}
          </Title>
          <Table striped withRowBorders={false} verticalSpacing={6} layout="fixed">
            <Table.Tbody>
              {section.fields.map((field) => (
                <Table.Tr
                  key={field.id}
                  data-changed={changed.has(field.id) || undefined}
                  bg={changed.has(field.id) ? 'var(--mantine-color-yellow-light)' : undefined}
                >
                  <Table.Th
                    w="38%"
                    fw={500}
                    c="dimmed"
                    style={{ fontSize: 'var(--mantine-font-size-sm)' }}
                  >
                    {field.label[language]}
                  </Table.Th>
                  <Table.Td className={classes.words}>
                    <Group gap="xs" wrap="nowrap" justify="space-between">
                      <FieldValue
                        text={fieldValueText(field, form[field.id] ?? null, language, t)}
                        oneLine={ONE_LINE_TYPES.has(field.type)}
                      />
                      {changed.has(field.id) && (
                        <Badge size="xs" color="yellow" variant="filled" c="dark">
                          {t('review.changed')}
                        </Badge>
                      )}
                    </Group>
                    <IssueLines issues={issuesOf(field.id)} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      ))}
      {extra.length > 0 && (
        <div>
          <Title order={4} size="sm" c="dimmed" mb={4}>
            {t('case.otherFields')}
          </Title>
          <Table striped withRowBorders={false} verticalSpacing={6} layout="fixed">
            <Table.Tbody>
              {extra.map(([key, value]) => (
                <Table.Tr key={key}>
                  <Table.Th w="38%" ff="monospace" fw={400} c="dimmed">
                    {key}
                  </Table.Th>
                  <Table.Td className={classes.words}>
                    <Text size="sm">{formValueText(value, t)}</Text>
                    <IssueLines issues={issuesOf(key)} />
                  </Table.Td>
                </Table.Tr>
              ))}
            </Table.Tbody>
          </Table>
        </div>
      )}
    </Stack>
  );
}
