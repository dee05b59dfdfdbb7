import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { CaseDetail } from '../../../../shared/api/types';
import { useApiQuery } from '../../api/queries';
import { LetterPreviewPane } from '../../letters/LetterPreviewPane';
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
  // Whether this procedure's approval sends a cover letter: its letter data say, the core answers.
  const coverLetter = useApiQuery(
    'letters.preview',
    { caseId: detail.row.id, decision: { kind: 'approval', comment: null } },
    { enabled: opened, staleTime: Infinity },
  );
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
      preview={
        coverLetter.data ? (
          <LetterPreviewPane
            caseId={detail.row.id}
            decision={opened ? { kind: 'approval', comment: comment.trim() || null } : null}
          />
        ) : undefined
      }
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
