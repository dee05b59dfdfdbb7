import {
  Alert,
  Button,
  Checkbox,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  Textarea,
  TextInput,
  Tooltip,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import { useRef, useState } from 'react';
import { useTranslation } from 'react-i18next';
import {
  fillPlaceholders,
  placeholderValuesOf,
  TEXT_MODULE_PLACEHOLDERS,
} from '../../../shared/textModules/placeholders';
import {
  TEXT_MODULE_BODY_MAX,
  TEXT_MODULE_CONTEXTS,
  TEXT_MODULE_TITLE_MAX,
  type TextModule,
  type TextModuleContext,
} from '../../../shared/textModules/textModule';
import { useApiMutation, useApiQuery } from '../api/queries';
import { ConfirmFormDialog } from '../components/ConfirmFormDialog';
import { useContractForm } from '../forms/useContractForm';
import { useLanguage } from '../shell/useLanguage';
import { useSessionStore } from '../stores/sessionStore';
import { MONOSPACE_INPUT } from '../admin/monospaceInput';

const FIELDS = new Set(['keyword', 'title', 'body', 'procedureCode', 'contexts']);
const ALL = '*';
const braces = (name: string) => `{{${name}}}`;

/** Adds an office's phrase or edits one: keyword, title, procedure, boxes, text and its preview. */
export function TextModuleFormDialog(props: {
  module: TextModule | null;
  onClose: () => void;
  onSaved: (module: TextModule) => void;
}) {
  const { module } = props;
  const { t } = useTranslation();
  const language = useLanguage();
  const procedures = useSessionStore((state) => state.procedures);
  const adminName = useSessionStore((state) => state.user?.displayName ?? null);
  const office = useApiQuery('admin.office.get', {});
  const [keyword, setKeyword] = useState(module?.keyword ?? '');
  const [title, setTitle] = useState(module?.title.fr ?? '');
  const [body, setBody] = useState(module?.body ?? '');
  const [procedureCode, setProcedureCode] = useState<string | null>(module?.procedureCode ?? null);
  const [contexts, setContexts] = useState<TextModuleContext[]>(
    module?.contexts ?? ['requestInfo'],
  );
  const bodyBox = useRef<HTMLTextAreaElement | null>(null);
  const create = useApiMutation('textModules.create');
  const update = useApiMutation('textModules.update');
  const mutation = module ? update : create;

  const fields = { keyword: keyword.trim().toLowerCase(), title, body, procedureCode, contexts };
  const input = module ? { id: module.id, ...fields } : fields;
  const form = useContractForm({
    method: module ? 'textModules.update' : 'textModules.create',
    input,
    shows: (field) => FIELDS.has(field),
    messageOf: (field) =>
      field === 'contexts' ? t('textModules.admin.form.contextsRequired') : undefined,
    refusal: { error: mutation.error, variables: mutation.variables },
  });

  // The preview: a sample case of the chosen procedure, signed by whoever is editing.
  const procedure = procedures.find((entry) => entry.code === procedureCode) ?? procedures[0];
  const preview = fillPlaceholders(
    body,
    placeholderValuesOf({
      reference: `${procedure?.code ?? 'COM-IMPEX'}-2026-000123`,
      applicantName: 'Akossiwa Mensah',
      applicantGender: 'F',
      companyName: 'Ets Agbodjan & Fils',
      submittedAt: '2026-03-01T09:00:00.000Z',
      procedureTitle: procedure?.title.fr ?? "Carte d'importateur / d'exportateur",
      agentName: adminName,
      officeName: office.data?.name ?? null,
    }),
  );

  /** A placeholder goes where the caret is in the text (at the end if it never was there). */
  const insertPlaceholder = (name: string) => {
    const box = bodyBox.current;
    const start = box?.selectionStart ?? body.length;
    const end = box?.selectionEnd ?? body.length;
    const next = body.slice(0, start) + braces(name) + body.slice(end);
    setBody(next);
    const at = start + braces(name).length;
    requestAnimationFrame(() => {
      box?.focus();
      box?.setSelectionRange(at, at);
    });
  };

  const done = (saved: TextModule) => {
    notifications.show({
      color: 'teal',
      message: module
        ? t('textModules.admin.form.updated', { keyword: saved.keyword })
        : t('textModules.admin.form.created', { keyword: saved.keyword }),
    });
    props.onSaved(saved);
  };
  const dialog = {
    title: module
      ? t('textModules.admin.form.editTitle', { keyword: module.keyword })
      : t('textModules.admin.form.createTitle'),
    size: 'xl',
    testId: 'text-module-form',
    onDone: done,
    onClose: props.onClose,
    cancelLabel: t('textModules.admin.form.cancel'),
    submit: {
      label: module ? t('textModules.admin.form.save') : t('textModules.admin.form.create'),
      testId: 'text-module-save',
    },
    failureTestId: 'text-module-form-error',
    onInvalidSubmit: form.attempt,
    failureShownInForm: !form.refusalUnplaced,
  };
  const children = (
    <>
      <Group grow align="flex-start">
        <TextInput
          label={t('textModules.admin.form.keyword')}
          description={t('textModules.admin.form.keywordHint')}
          required
          maxLength={24}
          leftSection={
            <Text ff="monospace" size="sm">
              ::
            </Text>
          }
          value={keyword}
          onChange={(event) => setKeyword(event.currentTarget.value.toLowerCase())}
          onBlur={form.touch('keyword')}
          error={form.errorOf('keyword')}
          styles={MONOSPACE_INPUT}
          autoComplete="off"
          data-autofocus
          data-testid="text-module-keyword"
        />
        <Select
          label={t('textModules.admin.form.procedure')}
          description=" "
          data={[
            { value: ALL, label: t('textModules.admin.allProcedures') },
            ...procedures.map((entry) => ({
              value: entry.code,
              label: `${entry.code} — ${entry.shortTitle[language]}`,
            })),
          ]}
          value={procedureCode ?? ALL}
          onChange={(value) => setProcedureCode(value === null || value === ALL ? null : value)}
          allowDeselect={false}
          error={form.errorOf('procedureCode')}
          data-testid="text-module-procedure"
        />
      </Group>
      <TextInput
        label={t('textModules.admin.form.title')}
        description={t('textModules.admin.form.titleHint')}
        required
        maxLength={TEXT_MODULE_TITLE_MAX}
        value={title}
        onChange={(event) => setTitle(event.currentTarget.value)}
        onBlur={form.touch('title')}
        error={form.errorOf('title')}
        data-testid="text-module-title"
      />
      <Checkbox.Group
        label={t('textModules.admin.form.contexts')}
        value={contexts}
        onChange={(value) => {
          setContexts(value as TextModuleContext[]);
          form.touch('contexts')();
        }}
        error={form.errorOf('contexts')}
        required
      >
        <Group gap="lg" mt={6}>
          {TEXT_MODULE_CONTEXTS.map((context) => (
            <Checkbox
              key={context}
              value={context}
              label={t(`textModules.contexts.${context}`)}
              data-testid={`text-module-context-${context}`}
            />
          ))}
        </Group>
      </Checkbox.Group>
      <Textarea
        ref={bodyBox}
        label={t('textModules.admin.form.body')}
        description={t('textModules.admin.form.bodyHint', { open: '{{', close: '}}' })}
        required
        autosize
        minRows={4}
        maxRows={10}
        maxLength={TEXT_MODULE_BODY_MAX}
        value={body}
        onChange={(event) => setBody(event.currentTarget.value)}
        onBlur={form.touch('body')}
        error={form.errorOf('body')}
        data-testid="text-module-body"
      />
      <Stack gap={6}>
        <Text size="sm" fw={500} id="text-module-placeholders">
          {t('textModules.admin.form.placeholders')}
        </Text>
        <Group gap={6} role="group" aria-labelledby="text-module-placeholders">
          {TEXT_MODULE_PLACEHOLDERS.map((name) => (
            <Tooltip key={name} label={t(`textModules.placeholders.${name}`)} withArrow>
              <Button
                size="compact-sm"
                variant="default"
                ff="monospace"
                fw={500}
                onClick={() => insertPlaceholder(name)}
                aria-label={t('textModules.admin.form.insertPlaceholder', {
                  placeholder: braces(name),
                  label: t(`textModules.placeholders.${name}`),
                })}
              >
                {braces(name)}
              </Button>
            </Tooltip>
          ))}
        </Group>
      </Stack>
      <Paper withBorder p="sm" radius="sm" bg="var(--mantine-color-gray-light)">
        <Text size="xs" fw={600} c="dimmed" mb={4}>
          {t('textModules.admin.form.preview')}
        </Text>
        <Text
          size="sm"
          style={{ whiteSpace: 'pre-wrap', overflowWrap: 'anywhere' }}
          data-testid="text-module-preview"
        >
          {preview.text || '—'}
        </Text>
      </Paper>
      {preview.unknown.length > 0 && (
        <Alert color="orange" variant="light" p="xs" data-testid="text-module-unknown">
          <Text size="sm">
            {t('textModules.admin.form.unknown', {
              placeholders: preview.unknown.map(braces).join(', '),
            })}
          </Text>
        </Alert>
      )}
    </>
  );
  return module ? (
    <ConfirmFormDialog
      {...dialog}
      mutation={update}
      variables={form.valid ? { id: module.id, ...fields } : null}
    >
      {children}
    </ConfirmFormDialog>
  ) : (
    <ConfirmFormDialog {...dialog} mutation={create} variables={form.valid ? fields : null}>
      {children}
    </ConfirmFormDialog>
  );
}
