import type { z } from 'zod';
import type { Role } from '../domain/roles';

/** `public` methods may be called signed out; all others need one of the listed roles. */
export type Access = 'public' | readonly Role[];

/**
 * The largest request a transport accepts for a method unless it says otherwise: ample for any
 * form, list query or comment of the contract, small enough that a stray upload is refused early.
 */
export const DEFAULT_MAX_REQUEST_BYTES = 1024 * 1024;

export interface MethodSpec<Input extends z.ZodType, Output> {
  readonly input: Input;
  readonly access: Access;
  /**
   * The largest encoded request (JSON) the method accepts; a method carrying a file declares it
   * beside the schema that bounds the file, so the hosts and the schema agree.
   */
  readonly maxRequestBytes: number;
  /** Phantom: carries the output type only. */
  readonly output?: Output;
}

export function method<Output>() {
  return <Input extends z.ZodType>(spec: {
    input: Input;
    access: Access;
    maxRequestBytes?: number;
  }): MethodSpec<Input, Output> => ({
    ...spec,
    maxRequestBytes: spec.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES,
  });
}
