import type Database from 'better-sqlite3';
import type { MethodName, MethodParsedInput } from '../../../shared/api/contract';
import type { CurrentUser } from '../../../shared/api/types';
import type { CallContext, Handlers } from '../api/dispatcher';
import { refusal } from '../api/domainError';

/**
 * Who may read a case and what hangs from it (README « Who sees what »): the staff of the case's
 * office, whatever their role — the rule the queues already apply. One check for every read by
 * case: the case itself, its documents, its certificates and its letters. Something this desk
 * does not know passes: its reader then says « not found » in its own words.
 */
export function createCaseReadScope(db: Database.Database) {
  const officeOf = {
    case: db.prepare<[string], string>('SELECT office_code FROM applications WHERE id = ?').pluck(),
    document: db
      .prepare<[string], string>(
        `SELECT a.office_code FROM documents d JOIN applications a ON a.id = d.application_id
          WHERE d.id = ?`,
      )
      .pluck(),
    certificate: db
      .prepare<[string], string>(
        `SELECT a.office_code FROM certificates c JOIN applications a ON a.id = c.application_id
          WHERE c.id = ?`,
      )
      .pluck(),
    letter: db
      .prepare<[string], string>(
        `SELECT a.office_code FROM letters l JOIN applications a ON a.id = l.application_id
          WHERE l.id = ?`,
      )
      .pluck(),
  };

  /** Throws `forbidden` when `id` (a case, a document, a certificate, a letter) is another office's. */
  return function assertReadable(kind: keyof typeof officeOf, id: string, user: CurrentUser): void {
    const office = officeOf[kind].get(id);
    if (office !== undefined && office !== user.officeCode) {
      throw refusal('forbidden', 'caseOfOtherOfficeRead', {});
    }
  };
}

export type AssertReadable = ReturnType<typeof createCaseReadScope>;

type ReadTarget = [kind: Parameters<AssertReadable>[0], id: string];

/** The reads by case, and what each names: the case's office decides who may call them. */
const SCOPED_READS = {
  'cases.get': (input: { id: string }): ReadTarget => ['case', input.id],
  'documents.content': (input: { id: string }): ReadTarget => ['document', input.id],
  'certificates.forCase': (input: { caseId: string }): ReadTarget => ['case', input.caseId],
  'certificates.file': (input: { id: string }): ReadTarget => ['certificate', input.id],
  'letters.forCase': (input: { caseId: string }): ReadTarget => ['case', input.caseId],
  'letters.file': (input: { id: string }): ReadTarget => ['letter', input.id],
} satisfies Partial<{ [M in MethodName]: (input: MethodParsedInput<M>) => ReadTarget }>;

/** `handlers` with every read by case behind the office check, before the handler runs. */
export function withCaseReadScope(handlers: Handlers, assertReadable: AssertReadable): Handlers {
  const scoped: Record<string, Handlers[MethodName]> = { ...handlers };
  for (const [method, target] of Object.entries(SCOPED_READS)) {
    const inner = handlers[method as keyof typeof SCOPED_READS] as (
      input: unknown,
      context: CallContext,
    ) => unknown;
    scoped[method] = ((input: never, context: CallContext) => {
      // The dispatcher lets only signed-in staff this far (the contract's `staff` access).
      if (context.user)
        assertReadable(...(target as (i: unknown) => ReadTarget)(input), context.user);
      return inner(input, context);
    }) as Handlers[MethodName];
  }
  return scoped as Handlers;
}
