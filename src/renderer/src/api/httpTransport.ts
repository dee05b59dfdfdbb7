import type { ApiTransport } from '../../../shared/api/client';
import { EVENT_NAMES, type ApiEventMessage } from '../../../shared/api/events';
import type { Result } from '../../../shared/api/result';
import { unreachable, unreadableAnswer } from './transportFailure';

function isResult(value: unknown): value is Result<unknown> {
  if (typeof value !== 'object' || value === null || !('ok' in value)) return false;
  // A method returning void answers `{ ok: true }`: JSON drops an undefined `value`.
  if (value.ok === true) return true;
  if (value.ok !== false || !('error' in value)) return false;
  const error = value.error;
  return (
    typeof error === 'object' &&
    error !== null &&
    'code' in error &&
    'message' in error &&
    typeof error.message === 'string'
  );
}

function isEventMessage(value: unknown): value is ApiEventMessage {
  return (
    typeof value === 'object' &&
    value !== null &&
    'event' in value &&
    'payload' in value &&
    EVENT_NAMES.includes(value.event as ApiEventMessage['event'])
  );
}

/**
 * The browser host's transport: one POST per call, one shared EventSource for all listeners.
 * The web host always answers with a JSON `Result`, whatever the HTTP status, so the status code
 * only matters when the body is not a Result (a proxy page, a crash mid-answer).
 */
export function createHttpTransport(baseUrl = ''): ApiTransport {
  const listeners = new Set<(message: ApiEventMessage) => void>();
  let source: EventSource | null = null;

  function openStream() {
    source = new EventSource(`${baseUrl}/api/events`);
    source.onmessage = (event: MessageEvent<string>) => {
      let message: unknown;
      try {
        message = JSON.parse(event.data);
      } catch {
        return;
      }
      if (!isEventMessage(message)) return;
      for (const listener of listeners) listener(message);
    };
  }

  return {
    async invoke(method, input) {
      let response: Response;
      try {
        response = await fetch(`${baseUrl}/api/rpc/${encodeURIComponent(method)}`, {
          method: 'POST',
          credentials: 'same-origin',
          headers: { 'content-type': 'application/json' },
          body: JSON.stringify(input ?? {}),
        });
      } catch {
        return unreachable();
      }
      let body: unknown;
      try {
        body = await response.json();
      } catch {
        return unreadableAnswer(response.status);
      }
      return isResult(body) ? body : unreadableAnswer(response.status);
    },
    subscribe(listener) {
      listeners.add(listener);
      if (!source) openStream();
      return () => {
        listeners.delete(listener);
        if (listeners.size === 0 && source) {
          source.close();
          source = null;
        }
      };
    },
  };
}
