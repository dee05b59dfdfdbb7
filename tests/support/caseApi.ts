import type { Core } from '../../src/main/core/createCore';
import type { MethodInput, MethodName, MethodOutput } from '../../src/shared/api/contract';
import type { ApiError } from '../../src/shared/api/result';
import type { CurrentUser } from '../../src/shared/api/types';

/**
 * Calls a core's API as a given person, the way the scenario tests do: `dispatch` answers the
 * typed outcome (to check refusals), `call` unwraps it or throws with the code and French message.
 */

export type Outcome<M extends MethodName> =
  { ok: true; value: MethodOutput<M> } | { ok: false; error: ApiError };

export function caseApi(core: () => Core) {
  const dispatch = <M extends MethodName>(
    method: M,
    input: MethodInput<M>,
    user: CurrentUser,
  ): Promise<Outcome<M>> => core().dispatch(method, input, { user }) as Promise<Outcome<M>>;

  async function call<M extends MethodName>(
    method: M,
    input: MethodInput<M>,
    user: CurrentUser,
  ): Promise<MethodOutput<M>> {
    const result = await dispatch(method, input, user);
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value;
  }

  return { dispatch, call };
}

/**
 * Hands out each submitted case of `officeCode` at most once, so that scenarios sharing one core
 * never work the same case; `extraCondition` narrows the choice (SQL on `applications`).
 */
export function freshCases(core: () => Core, officeCode: () => string, extraCondition = '1') {
  const taken = new Set<string>();
  return (procedureCode: string): string => {
    const ids = core()
      .db.prepare(
        `SELECT id FROM applications WHERE procedure_code = ? AND office_code = ?
           AND status = 'submitted' AND ${extraCondition} ORDER BY id`,
      )
      .pluck()
      .all(procedureCode, officeCode()) as string[];
    const id = ids.find((candidate) => !taken.has(candidate));
    if (!id) throw new Error(`no fresh ${procedureCode} case left in the simulator's data`);
    taken.add(id);
    return id;
  };
}
