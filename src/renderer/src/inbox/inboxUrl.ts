import { inboxQuerySchema } from '../../../shared/api/contract';
import type { InboxFilters, InboxQuery, QueueId } from '../../../shared/api/types';
import { hrefOf } from '../routing/route';
import { normalizeFilters, type ListFilterKey } from './inboxQuery';

/** Readable parameter names: a link pasted in a message says what it shows. */
const LIST_PARAMS: Record<ListFilterKey, string> = {
  procedureCodes: 'procedure',
  statuses: 'statut',
  officeCodes: 'bureau',
  regions: 'region',
  assigneeIds: 'agent',
  deadlineStates: 'echeance',
};

/** `#/inbox/<queue>?…`: the list's filters, sort and search, so a view can be linked and kept. */
export function inboxHref(query: InboxQuery): string {
  const params = new URLSearchParams();
  const filters = normalizeFilters(query.filters);
  for (const [key, name] of Object.entries(LIST_PARAMS) as [ListFilterKey, string][]) {
    for (const value of filters[key] ?? []) params.append(name, value);
  }
  if (filters.submittedFrom) params.set('du', filters.submittedFrom);
  if (filters.submittedTo) params.set('au', filters.submittedTo);
  if (query.sort) params.set('tri', `${query.sort.key}-${query.sort.direction}`);
  if (query.search.trim()) params.set('q', query.search.trim());
  const text = params.toString();
  return `${hrefOf({ view: 'inbox', queue: query.queue })}${text ? `?${text}` : ''}`;
}

/**
 * The query a hash carries, or `null` when it carries none. Anything the contract would refuse
 * (unknown status, malformed date) makes the whole query `null`: a broken link shows the plain
 * queue rather than a half-applied filter.
 */
export function queryFromHash(hash: string, queue: QueueId): InboxQuery | null {
  const at = hash.indexOf('?');
  if (at < 0) return null;
  const params = new URLSearchParams(hash.slice(at + 1));
  const filters: Record<string, unknown> = {};
  for (const [key, name] of Object.entries(LIST_PARAMS)) {
    const values = params.getAll(name);
    if (values.length > 0) filters[key] = values;
  }
  if (params.has('du')) filters.submittedFrom = params.get('du');
  if (params.has('au')) filters.submittedTo = params.get('au');
  const [sortKey, direction] = (params.get('tri') ?? '').split('-');
  const parsed = inboxQuerySchema.safeParse({
    queue,
    filters,
    search: params.get('q') ?? '',
    ...(sortKey ? { sort: { key: sortKey, direction } } : {}),
  });
  if (!parsed.success) return null;
  const query: InboxQuery = {
    queue,
    filters: normalizeFilters(parsed.data.filters as InboxFilters),
    search: parsed.data.search,
  };
  if (parsed.data.sort) query.sort = parsed.data.sort;
  return query;
}
