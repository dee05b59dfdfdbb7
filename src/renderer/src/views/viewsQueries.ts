import { useQueryClient } from '@tanstack/react-query';
import type { SavedView } from '../../../shared/api/types';
import { apiKey, useApiMutation, useApiQuery } from '../api/queries';

const VIEWS_KEY = apiKey('views.list', {});
const NO_VIEWS: SavedView[] = [];

const byName = (a: SavedView, b: SavedView) => a.name.localeCompare(b.name, 'fr');
const sortedByName = (views: SavedView[]) => [...views].sort(byName);

/**
 * The clerk's saved inbox views, by name, cached under `['views.list', {}]`. Views are a
 * convenience: if they cannot be read, the navbar simply shows none.
 */
export function useSavedViews(): SavedView[] {
  return useApiQuery('views.list', {}, { select: sortedByName }).data ?? NO_VIEWS;
}

/** Saves a view; the list takes the core's answer (a view of the same id is replaced). */
export function useSaveView() {
  const client = useQueryClient();
  return useApiMutation('views.save', {
    onSuccess: (view) =>
      client.setQueryData<SavedView[]>(VIEWS_KEY, (views) => [
        ...(views ?? []).filter((other) => other.id !== view.id),
        view,
      ]),
  });
}

/** Deletes a view; the list drops it once the core confirmed. */
export function useRemoveView() {
  const client = useQueryClient();
  return useApiMutation('views.delete', {
    onSuccess: (_done, { id }) =>
      client.setQueryData<SavedView[]>(VIEWS_KEY, (views) =>
        views?.filter((view) => view.id !== id),
      ),
  });
}
