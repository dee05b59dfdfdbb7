import {
  useMutation,
  useQuery,
  type UseMutationOptions,
  type UseMutationResult,
  type UseQueryOptions,
  type UseQueryResult,
} from '@tanstack/react-query';
import type { MethodInput, MethodName, MethodOutput } from '../../../shared/api/contract';
import { api } from './api';

/**
 * Every read is cached under `[method, input]`: the same call from two screens is one request,
 * an answer always lands under the input it answers (a late answer to « ko » can never replace
 * the one to « kodjo »), and an event invalidates a whole method by its name alone.
 */
export type ApiQueryKey<M extends MethodName> = readonly [M, MethodInput<M>];

export function apiKey<M extends MethodName>(method: M, input: MethodInput<M>): ApiQueryKey<M> {
  return [method, input] as const;
}

/** Every cached read of one method, whatever its input: what an event invalidates. */
export function methodKey(method: MethodName): readonly [MethodName] {
  return [method] as const;
}

export type ApiQueryOptions<M extends MethodName, TData = MethodOutput<M>> = Omit<
  UseQueryOptions<MethodOutput<M>, unknown, TData, ApiQueryKey<M>>,
  'queryKey' | 'queryFn'
>;

/** A read through the typed client; errors are the client's `ApiCallError` (French message). */
export function useApiQuery<M extends MethodName, TData = MethodOutput<M>>(
  method: M,
  input: MethodInput<M>,
  options?: ApiQueryOptions<M, TData>,
): UseQueryResult<TData, unknown> {
  return useQuery({
    ...options,
    queryKey: apiKey(method, input),
    queryFn: () => api.call(method, input),
  });
}

export type ApiMutationOptions<M extends MethodName, TContext = unknown> = Omit<
  UseMutationOptions<MethodOutput<M>, unknown, MethodInput<M>, TContext>,
  'mutationFn'
>;

/**
 * A change through the typed client. Only the latest `mutate` call drives the result, so an
 * earlier call answering late never shows over a later one. The key is `[method]`, so a screen can
 * ask whether such a change is under way (`useIsMutating`).
 */
export function useApiMutation<M extends MethodName, TContext = unknown>(
  method: M,
  options?: ApiMutationOptions<M, TContext>,
): UseMutationResult<MethodOutput<M>, unknown, MethodInput<M>, TContext> {
  return useMutation({
    mutationKey: methodKey(method),
    ...options,
    mutationFn: (input: MethodInput<M>) => api.call(method, input),
  });
}
