import { Checkbox, Stack } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/api/types';
import { LetterPreviewPane } from '../../letters/LetterPreviewPane';
import { useLanguage } from '../../shell/useLanguage';
import { CommentField } from './CommentField';
import { DecisionModal } from './DecisionModal';

export function RejectDialog({
  detail,
  opened,
  onClose,
  onConfirm,
  busy,
}: {
  detail: CaseDetail;
  opened: boolean;
  onClose: () => void;
  onConfirm: (reasonCodes: string[], comment: string) => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const language = useLanguage();
  const [reasons, setReasons] = useState<string[]>([]);
  const [comment, setComment] = useState('');
  return (
    <DecisionModal
      opened={opened}
      onClose={onClose}
      title={t('review.rejectTitle', { reference: detail.row.reference })}
      what={t('review.rejectWhat')}
      confirmLabel={t('review.rejectConfirm')}
      // Red 9: white text on it reads at 5.5:1 (red 6, Mantine's default, at 3.3:1).
      confirmColor="red.9"
      canConfirm={reasons.length > 0 && comment.trim().length > 0}
      onConfirm={() => onConfirm(reasons, comment.trim())}
      busy={busy}
      testId="reject-dialog"
      preview={
        <LetterPreviewPane
          caseId={detail.row.id}
          decision={
            opened && reasons.length > 0
              ? { kind: 'rejection', reasonCodes: reasons, comment: comment.trim() }
              : null
          }
        />
      }
    >
      <Checkbox.Group label={t('review.rejectReasons')} value={reasons} onChange={setReasons}>
        <Stack gap={6} mt={6}>
          {detail.procedure.rejectReasons.map((reason) => (
            <Checkbox key={reason.code} value={reason.code} label={reason.label[language]} />
          ))}
        </Stack>
      </Checkbox.Group>
      <CommentField
        label={t('review.commentRequired')}
        required
        value={comment}
        onChange={setComment}
        textModules={{ detail, context: 'reject' }}
      />
    </DecisionModal>
  );
}
