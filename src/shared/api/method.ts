import type { z } from 'zod';
import type { Role } from '../domain/roles';

/** `public` methods may be called signed out; all others need one of the listed roles. */
export type Access = 'public' | readonly Role[];

export interface MethodSpec<Input extends z.ZodType, Output> {
  readonly input: Input;
  readonly access: Access;
  /** Phantom: carries the output type only. */
  readonly output?: Output;
}

export function method<Output>() {
  return <Input extends z.ZodType>(spec: {
    input: Input;
    access: Access;
  }): MethodSpec<Input, Output> => spec;
}
