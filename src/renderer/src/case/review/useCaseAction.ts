import { notifications } from '@mantine/notifications';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import type { MethodInput } from '../../../../shared/api/contract';
import type { CaseDetail } from '../../../../shared/api/types';
import { errorMessage } from '../../api/errorMessage';
import {
  useCaseActionMutation,
  type CaseActionMethod,
  type CaseActionRequest,
} from '../caseQueries';

/**
 * Sends one case action and says how it went: a toast on success, the core's reason on refusal
 * (in the interface's language). Resolves to the updated case, or null when the action failed
 * (nothing changed).
 */
export function useCaseAction() {
  const { t } = useTranslation();
  const { mutateAsync } = useCaseActionMutation();
  return useCallback(
    async <M extends CaseActionMethod>(
      method: M,
      input: MethodInput<M>,
      success: string,
    ): Promise<CaseDetail | null> => {
      try {
        const detail = await mutateAsync({ method, input } as CaseActionRequest);
        notifications.show({ color: 'togo', message: success });
        return detail;
      } catch (error) {
        notifications.show({
          color: 'red',
          title: t('review.failed'),
          message: errorMessage(error, String(error)),
          autoClose: 8000,
        });
        return null;
      }
    },
    [t, mutateAsync],
  );
}
