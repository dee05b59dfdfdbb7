/** Placeholder: filled by its feature, or removed before release. */
export const sql = /* sql */ `
`;
