import type { Result } from '../../../shared/api/result';

/**
 * Failures that happen before any answer from the main side. They are phrased in French like the
 * server's own messages, because they reach the user through the same path.
 */
export const unreachable = (): Result<never> => ({
  ok: false,
  error: {
    code: 'unavailable',
    message:
      'Bureau ne répond pas… Vérifiez que l’application est toujours lancée, puis réessayez.',
  },
});

export const unreadableAnswer = (status: number): Result<never> => ({
  ok: false,
  error: {
    code: 'internal',
    message: `Réponse illisible du service local (HTTP ${status}). Réessayez.`,
  },
});
