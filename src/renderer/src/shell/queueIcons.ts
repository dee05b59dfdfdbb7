import {
  IconAlarm,
  IconCircleCheck,
  IconClockExclamation,
  IconHourglass,
  IconInbox,
  IconSignature,
  IconStack2,
  IconUser,
  type Icon,
} from '@tabler/icons-react';
import type { QueueId } from '../../../shared/api/types';

export const QUEUE_ICONS: Record<QueueId, Icon> = {
  mine: IconUser,
  to_process: IconInbox,
  waiting_applicant: IconHourglass,
  pending_signoff: IconSignature,
  due_soon: IconClockExclamation,
  overdue: IconAlarm,
  done: IconCircleCheck,
  all: IconStack2,
};
