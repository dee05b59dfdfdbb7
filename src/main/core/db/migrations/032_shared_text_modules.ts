/**
 * An office's text modules shared by its desks through the portal (issue 20 §1, feature
 * `textModules`): each phrase keeps the portal's version it was last written at. 0: never on the
 * portal (a desk alone, or a phrase made before the desk was enrolled).
 */
export const sql = /* sql */ `
ALTER TABLE text_modules ADD COLUMN portal_version INTEGER NOT NULL DEFAULT 0
  CHECK (portal_version >= 0);
`;
