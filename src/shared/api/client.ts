import type { ApiError, Result } from './result';
import type { MethodInput, MethodName, MethodOutput } from './contract';
import type { ApiEventMessage, ApiEvents, EventName } from './events';

/** The bytes-level side of a transport: one request/response call and one event stream. */
export interface ApiTransport {
  invoke(method: string, input: unknown): Promise<Result<unknown>>;
  subscribe(listener: (message: ApiEventMessage) => void): () => void;
}

export class ApiCallError extends Error {
  constructor(readonly error: ApiError) {
    super(error.message);
    this.name = 'ApiCallError';
  }
  get code(): ApiError['code'] {
    return this.error.code;
  }
}

export interface ApiClient {
  call<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>>;
  on<E extends EventName>(event: E, listener: (payload: ApiEvents[E]) => void): () => void;
}

/** Typed client over any transport; failures become an `ApiCallError` carrying the French message. */
export function createApiClient(transport: ApiTransport): ApiClient {
  return {
    async call(method, input) {
      const result = await transport.invoke(method, input);
      if (!result.ok) throw new ApiCallError(result.error);
      return result.value as never;
    },
    on(event, listener) {
      return transport.subscribe((message) => {
        if (message.event === event) listener(message.payload as never);
      });
    },
  };
}
