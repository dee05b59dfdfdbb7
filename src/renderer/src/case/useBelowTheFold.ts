import { useEffect, useState } from 'react';

/**
 * False for the first frame a case is shown, then true: the form, the notes and the history —
 * below the fold at 1366×768 — are rendered a frame after the case's header, applicant and
 * company, so a clerk sees the case they opened sooner.
 */
export function useBelowTheFold(caseId: string): boolean {
  const [readyFor, setReadyFor] = useState<string | null>(null);
  useEffect(() => {
    let timer: ReturnType<typeof setTimeout> | undefined;
    const frame = requestAnimationFrame(() => {
      timer = setTimeout(() => setReadyFor(caseId), 0);
    });
    return () => {
      cancelAnimationFrame(frame);
      if (timer !== undefined) clearTimeout(timer);
    };
  }, [caseId]);
  return readyFor === caseId;
}
