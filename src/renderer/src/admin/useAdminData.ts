import { useCallback, useEffect, useState } from 'react';

export type AdminData<T> =
  | { phase: 'loading'; data: null; error: null }
  | { phase: 'ready'; data: T; error: null }
  | { phase: 'error'; data: null; error: unknown };

interface Outcome<T> {
  /** What was loaded: a result for another loader or attempt is stale, so we show loading. */
  load: () => Promise<T>;
  attempt: number;
  state: AdminData<T>;
}

const LOADING = { phase: 'loading', data: null, error: null } as const;

/**
 * One API read for a screen: loading, ready or failed, reloadable, replaceable after a save.
 * `load` must be stable (useCallback): a new function means new data to fetch.
 */
export function useAdminData<T>(load: () => Promise<T>) {
  const [attempt, setAttempt] = useState(0);
  const [outcome, setOutcome] = useState<Outcome<T> | null>(null);
  useEffect(() => {
    let current = true;
    load().then(
      (data) =>
        current && setOutcome({ load, attempt, state: { phase: 'ready', data, error: null } }),
      (error: unknown) =>
        current && setOutcome({ load, attempt, state: { phase: 'error', data: null, error } }),
    );
    return () => {
      current = false;
    };
  }, [load, attempt]);
  const reload = useCallback(() => setAttempt((value) => value + 1), []);
  const replace = useCallback(
    (data: T) => setOutcome({ load, attempt, state: { phase: 'ready', data, error: null } }),
    [load, attempt],
  );
  const state: AdminData<T> =
    outcome && outcome.load === load && outcome.attempt === attempt ? outcome.state : LOADING;
  return { ...state, reload, replace };
}
