import { z } from 'zod';

/** A schema's own messages are French already; zod's defaults are said in French too. */
const FRENCH_ZOD = z.locales.fr();
import {
  apiContract,
  isMethodName,
  type MethodName,
  type MethodOutput,
  type MethodParsedInput,
} from '../../../shared/api/contract';
import { fail, ok, type ApiErrorCode, type Result } from '../../../shared/api/result';
import type { CurrentUser } from '../../../shared/api/types';
import { DomainError, failureOf, refusal } from './domainError';
import type { RefusalKey, RefusalParams } from '../../../shared/api/refusals';

/** A refusal of the dispatcher's own, from the shared catalog (French, and a key to translate). */
function refused<K extends RefusalKey>(
  code: ApiErrorCode,
  key: K,
  params: RefusalParams<K>,
): Result<never> {
  const error = refusal(code, key, params);
  return fail(code, error.message, { reason: error.reason });
}

/** Who is calling, as established by the transport (IPC window or web-host session). */
export interface CallContext {
  user: CurrentUser | null;
  /** The transport's session (window or browser cookie); absent for in-process callers. */
  sessionKey?: string;
  /** A locked session, or one that must change its password, may only call public methods. */
  restriction?: 'locked' | 'must_change_password';
}

/**
 * `touch: false` reads a session without counting it as activity: asking whether a window may
 * receive an event must not keep an idle session from locking.
 */
export interface ContextOptions {
  touch?: boolean;
}

/** The one method a session that must change its password may call besides public ones. */
const PASSWORD_CHANGE: MethodName = 'session.changePassword';

export type Handlers = {
  [M in MethodName]: (
    input: MethodParsedInput<M>,
    context: CallContext,
  ) => MethodOutput<M> | Promise<MethodOutput<M>>;
};

export type Dispatch = (
  method: string,
  input: unknown,
  context: CallContext,
) => Promise<Result<unknown>>;

const fieldOf = (issue: z.core.$ZodIssue) => issue.path.map(String).join('.');

/** A sentence, whatever the schema wrote: capital first, one final full stop. */
function sentence(text: string): string {
  const trimmed = text.trim().replace(/[.\s]+$/, '');
  return `${trimmed.charAt(0).toUpperCase()}${trimmed.slice(1)}.`;
}

/**
 * What a refused input says: the rule broken, as a sentence (the form shows it beside its field,
 * from `issues`); the internal field name stays out of the text.
 */
function describeInputError(error: z.ZodError): string {
  const issue = error.issues[0];
  const rule = issue?.message ? sentence(issue.message) : 'Format inattendu.';
  return `Saisie refusée : ${rule} Corrigez-la puis réessayez.`;
}

const issuesOf = (error: z.ZodError) =>
  error.issues
    .filter((issue) => issue.path.length > 0)
    .map((issue) => ({ field: fieldOf(issue), message: sentence(issue.message) }));

/**
 * The single entry point of every API call on both transports: unknown names, invalid input and
 * missing roles are refused here, in one place, before any handler runs.
 */
export function createDispatcher(
  handlers: Handlers,
  log: (message: string, error: unknown) => void = console.error,
): Dispatch {
  return async (method, rawInput, context) => {
    if (!isMethodName(method)) {
      return refused('unknown_method', 'unknownMethod', { method: String(method).slice(0, 80) });
    }
    const spec = apiContract[method];
    if (spec.access !== 'public') {
      if (!context.user) {
        return refused('unauthenticated', 'sessionExpired', {});
      }
      if (context.restriction === 'locked') {
        return refused('locked', 'sessionLocked', {});
      }
      if (context.restriction === 'must_change_password' && method !== PASSWORD_CHANGE) {
        return refused('forbidden', 'mustChangePassword', {});
      }
      if (!spec.access.includes(context.user.role)) {
        return refused('forbidden', 'roleForbidden', {});
      }
    }
    const parsed = spec.input.safeParse(rawInput ?? {}, { error: FRENCH_ZOD.localeError });
    if (!parsed.success) {
      return fail('invalid_input', describeInputError(parsed.error), {
        issues: issuesOf(parsed.error),
      });
    }
    try {
      const handler = handlers[method] as (input: unknown, context: CallContext) => unknown;
      return ok(await handler(parsed.data, context));
    } catch (error) {
      if (error instanceof DomainError) return failureOf(error);
      log(`API ${method} failed`, error);
      return refused('internal', 'internal', {});
    }
  };
}
