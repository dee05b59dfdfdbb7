/**
 * Reviewed data the portal changed after a decision (issue 13): while a case that can still get a
 * certificate (pending sign-off, approved) carries such changes, they wait here until a person
 * confirms having checked them; issuing and sign-off are refused until then. NULL: nothing to
 * confirm. JSON: `UnconfirmedPortalChanges` (src/shared/portal/reviewedChanges.ts). A nullable
 * column without a default: adding it rewrites no row, whatever the size of the cache.
 */
export const sql = /* sql */ `
ALTER TABLE applications ADD COLUMN portal_changes_json TEXT;
`;
