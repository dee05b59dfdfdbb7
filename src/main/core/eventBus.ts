import type { ApiEventMessage, ApiEvents, EventName } from '../../shared/api/events';

export interface EventBus {
  emit<E extends EventName>(event: E, payload: ApiEvents[E]): void;
  subscribe(listener: (message: ApiEventMessage) => void): () => void;
}

export function createEventBus(): EventBus {
  const listeners = new Set<(message: ApiEventMessage) => void>();
  return {
    emit(event, payload) {
      for (const listener of listeners) listener({ event, payload } as ApiEventMessage);
    },
    subscribe(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
