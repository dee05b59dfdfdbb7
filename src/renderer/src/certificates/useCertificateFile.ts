import { useCallback, useEffect, useState } from 'react';
import type { CertificateFile } from '../../../shared/api/certificateTypes';
import { api } from '../api/api';

interface FileState {
  /** Which load this answers (certificate id and attempt): an older answer is not shown. */
  key: string | null;
  file: CertificateFile | null;
  error: unknown;
}

/**
 * The stored original of a certificate (the core checks its SHA-256 before answering), loaded
 * once per certificate and shared by the preview, the print and the save.
 */
export function useCertificateFile(id: string | null) {
  const [state, setState] = useState<FileState>({ key: null, file: null, error: null });
  const [attempt, setAttempt] = useState(0);
  const key = id ? `${id}:${attempt}` : null;

  useEffect(() => {
    if (!id || !key) return;
    let cancelled = false;
    api.call('certificates.file', { id }).then(
      (file) => {
        if (!cancelled) setState({ key, file, error: null });
      },
      (error: unknown) => {
        if (!cancelled) setState({ key, file: null, error });
      },
    );
    return () => {
      cancelled = true;
    };
  }, [id, key]);

  const retry = useCallback(() => setAttempt((value) => value + 1), []);
  const current = key !== null && state.key === key;
  return {
    file: current ? state.file : null,
    error: current ? state.error : null,
    loading: key !== null && !current,
    retry,
  };
}
