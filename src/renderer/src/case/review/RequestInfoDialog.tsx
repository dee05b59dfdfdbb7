import { Checkbox, MultiSelect, Stack, Text } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/api/types';
import { LetterPreviewPane } from '../../letters/LetterPreviewPane';
import { useLanguage } from '../../shell/useLanguage';
import { CommentField } from './CommentField';
import { DecisionModal } from './DecisionModal';

export interface InfoRequest {
  missingDocuments: string[];
  fieldsToCorrect: string[];
  message: string;
}

export function RequestInfoDialog({
  detail,
  opened,
  onClose,
  onConfirm,
  busy,
}: {
  detail: CaseDetail;
  opened: boolean;
  onClose: () => void;
  onConfirm: (request: InfoRequest) => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [documents, setDocuments] = useState<string[]>([]);
  const [fields, setFields] = useState<string[]>([]);
  const [message, setMessage] = useState('');
  const fieldOptions = detail.procedure.sections.map((section) => ({
    group: section.title[language],
    items: section.fields.map((field) => ({ value: field.id, label: field.label[language] })),
  }));
  const hasItem = documents.length + fields.length > 0;
  return (
    <DecisionModal
      opened={opened}
      onClose={onClose}
      title={t('review.requestInfoTitle', { reference: detail.row.reference })}
      what={t('review.requestInfoWhat')}
      confirmLabel={t('review.requestInfoConfirm')}
      confirmColor="orange"
      canConfirm={hasItem && message.trim().length > 0}
      onConfirm={() =>
        onConfirm({ missingDocuments: documents, fieldsToCorrect: fields, message: message.trim() })
      }
      busy={busy}
      testId="request-info-dialog"
      preview={
        <LetterPreviewPane
          caseId={detail.row.id}
          decision={
            opened && hasItem
              ? {
                  kind: 'info_request',
                  missingDocuments: documents,
                  fieldsToCorrect: fields,
                  message: message.trim(),
                }
              : null
          }
        />
      }
    >
      <Checkbox.Group
        label={t('review.missingDocuments')}
        value={documents}
        onChange={setDocuments}
      >
        <Stack gap={6} mt={6}>
          {detail.procedure.documents.map((document) => (
            <Checkbox key={document.code} value={document.code} label={document.label[language]} />
          ))}
        </Stack>
      </Checkbox.Group>
      <MultiSelect
        label={t('review.fieldsToCorrect')}
        placeholder={t('review.fieldsPlaceholder')}
        data={fieldOptions}
        value={fields}
        onChange={setFields}
        searchable
        clearable
        comboboxProps={{ withinPortal: true }}
      />
      {!hasItem && (
        <Text size="xs" c="dimmed">
          {t('review.needOneItem')}
        </Text>
      )}
      <CommentField
        label={t('review.message')}
        required
        value={message}
        onChange={setMessage}
        textModules={{ detail, context: 'requestInfo' }}
      />
    </DecisionModal>
  );
}
