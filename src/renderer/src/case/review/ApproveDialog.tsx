import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/api/types';
import { CommentField } from './CommentField';
import { DecisionModal } from './DecisionModal';

export function ApproveDialog({
  detail,
  opened,
  onClose,
  onConfirm,
  busy,
}: {
  detail: CaseDetail;
  opened: boolean;
  onClose: () => void;
  onConfirm: (comment: string | undefined) => void;
  busy: boolean;
}) {
  const { t } = useTranslation();
  const [comment, setComment] = useState('');
  const toSignOff = detail.procedure.signOffRequired;
  const reference = detail.row.reference;
  return (
    <DecisionModal
      opened={opened}
      onClose={onClose}
      title={t(toSignOff ? 'review.approveSignOffTitle' : 'review.approveTitle', { reference })}
      what={t(toSignOff ? 'review.approveSignOffWhat' : 'review.approveWhat')}
      confirmLabel={t(toSignOff ? 'review.approveSignOffConfirm' : 'review.approveConfirm')}
      onConfirm={() => onConfirm(comment.trim() || undefined)}
      busy={busy}
      testId="approve-dialog"
    >
      <CommentField
        label={t('review.commentOptional')}
        value={comment}
        onChange={setComment}
        minRows={2}
        data-autofocus
      />
    </DecisionModal>
  );
}
