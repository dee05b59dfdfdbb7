import { useEffect, useState } from 'react';
import type { RecoveryStatus } from '../../../shared/api/backupTypes';
import { api } from '../api/api';
import { reloadWhenBureauIsBack } from './backupFormat';

/**
 * Asks once whether Bureau started in recovery mode (its cache is damaged): `checking` until the
 * answer, then the status or null. A failed call counts as « no »: the normal start-up screens
 * then show their own error. Damage found later, by the check of the running cache, restarts
 * Bureau in recovery mode: the page reloads and asks again.
 */
export function useRecoveryStatus(): RecoveryStatus | null | 'checking' {
  const [status, setStatus] = useState<RecoveryStatus | null | 'checking'>('checking');
  useEffect(() => {
    let cancelled = false;
    api.call('recovery.status', {}).then(
      (value) => !cancelled && setStatus(value),
      () => !cancelled && setStatus(null),
    );
    const off = api.on('recovery.required', reloadWhenBureauIsBack);
    return () => {
      cancelled = true;
      off();
    };
  }, []);
  return status;
}
