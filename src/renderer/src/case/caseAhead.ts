/**
 * Cases asked for ahead: the one the clerk rests on in the list, the next one while a case is
 * open, the one a key or a click opens. `restMs`: how long the clerk stays before it is asked (j
 * held down asks nothing). `freshForMs`: an answer younger than that is not asked for again,
 * neither ahead nor when the case view draws it — the core's events (`cases.changed`, see
 * `liveInvalidation.ts`) mark a case and what its view reads beside it stale as soon as anything
 * changes them, here or on another desk, so a younger answer is the case as it stands.
 */
export const CASE_AHEAD = { restMs: 250, freshForMs: 30_000 } as const;
