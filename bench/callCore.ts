import type { CallContext } from '../src/main/core/api/dispatcher';
import type { Core } from '../src/main/core/createCore';
import type { MethodInput, MethodName } from '../src/shared/api/contract';

/** One contract method through the core's dispatcher, as the app calls it; a refusal throws. */
export async function callCore<M extends MethodName>(
  core: Core,
  context: CallContext,
  method: M,
  input: MethodInput<M>,
) {
  const result = await core.dispatch(method, input, context);
  if (!result.ok) throw new Error(`${method}: ${result.error.message}`);
  return result.value;
}
