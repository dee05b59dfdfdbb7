import type { CaseDetail } from '../../../shared/api/types';
import type { CallContext, Handlers } from '../api/dispatcher';
import { requireUser } from '../inbox/inboxHandlers';
import type { DuplicateMarks } from './duplicateMarks';
import type { LinkedRecordsService } from './linkedRecords';

/** The API of linked records (contract/linked.ts). */
export function createLinkedHandlers(deps: {
  linked: LinkedRecordsService;
  duplicates: DuplicateMarks;
  /** After a committed change: tell the renderers. */
  changed: (id: string) => void;
  /** The case as it now stands (`cases.get`'s answer). */
  caseOf: (id: string, context: CallContext) => CaseDetail | Promise<CaseDetail>;
}): Pick<Handlers, 'cases.linked' | 'cases.signals' | 'cases.markDuplicate'> {
  return {
    'cases.linked': ({ id }, context) => deps.linked.of(id, requireUser(context.user)),
    'cases.signals': ({ ids }, context) => deps.linked.signalsOf(ids, requireUser(context.user)),
    'cases.markDuplicate': ({ id, duplicateOf, reason }, context) => {
      deps.duplicates.mark(id, duplicateOf, reason, requireUser(context.user));
      deps.changed(id);
      deps.changed(duplicateOf);
      return deps.caseOf(id, context);
    },
  };
}
