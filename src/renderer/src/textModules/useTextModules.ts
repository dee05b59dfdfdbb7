import type { CaseDetail } from '../../../shared/api/types';
import { OFFICES } from '../../../shared/domain/offices';
import { matchTextModules, textModulesFor } from '../../../shared/textModules/matchTextModules';
import {
  placeholderValuesOf,
  type PlaceholderValues,
} from '../../../shared/textModules/placeholders';
import type { TextModule, TextModuleContext } from '../../../shared/textModules/textModule';
import { useApiQuery } from '../api/queries';
import { useSessionStore } from '../stores/sessionStore';

/** How many phrases the list shows at most. */
const SHOWN = 5;

/** Where a comment box is: the case it is about and which box it is. */
export interface TextModuleSource {
  detail: CaseDetail;
  context: TextModuleContext;
}

/**
 * What the placeholders of a phrase become for this case, typed by this clerk: read when a phrase
 * is shown or inserted, not at every render of the box. The office's name is asked for once the
 * list of phrases opens (`wanted`), not when the box first draws with its case.
 */
export function useTextModuleValues(
  detail: CaseDetail | null,
  wanted: boolean,
): () => PlaceholderValues {
  const agentName = useSessionStore((state) => state.user?.displayName ?? null);
  const office = useApiQuery('admin.office.get', {}, { enabled: detail !== null && wanted });
  return () => (detail ? valuesOf(detail, agentName, office.data ?? null) : {});
}

function valuesOf(
  detail: CaseDetail,
  agentName: string | null,
  office: { code: string; name: string } | null,
): PlaceholderValues {
  const officeCode = detail.row.officeCode;
  const officeName =
    office && office.code === officeCode
      ? office.name
      : `Direction régionale de ${OFFICES.find((entry) => entry.code === officeCode)?.name ?? officeCode}`;
  return placeholderValuesOf({
    reference: detail.row.reference,
    applicantName: detail.row.applicantName,
    applicantGender: detail.record.applicant.gender,
    companyName: detail.row.companyName,
    submittedAt: detail.row.submittedAt,
    procedureTitle: detail.procedure.title.fr,
    agentName,
    officeName,
  });
}

/**
 * The phrases a box offers for what was typed after `::`. The list is read again each time the
 * clerk types `::` (what was read before shows meanwhile), so a phrase an administrator just added
 * is there; a box that is only drawn, with its case, asks for nothing.
 */
export function useTextModuleMatches(
  source: TextModuleSource | undefined,
  query: string | null,
): { modules: TextModule[]; loading: boolean } {
  const list = useApiQuery(
    'textModules.list',
    {},
    { enabled: source !== undefined && query !== null, staleTime: 0 },
  );
  if (!source || query === null) return { modules: [], loading: false };
  const offered = textModulesFor(list.data ?? [], {
    procedureCode: source.detail.row.procedureCode,
    context: source.context,
  });
  // A short list, never a scrolling one: more letters narrow it.
  return { modules: matchTextModules(offered, query, SHOWN), loading: list.isPending };
}
