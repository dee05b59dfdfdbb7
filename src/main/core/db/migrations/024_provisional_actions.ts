/**
 * Offline work on a case the person does not hold on the portal is provisional (design multi-desk
 * §3.7, §6.3): the outbox row says so, the portal is told, and the case shows « Provisoire — en
 * attente du portail » until the portal answers.
 */
export const sql = /* sql */ `
ALTER TABLE outbox ADD COLUMN provisional INTEGER NOT NULL DEFAULT 0 CHECK (provisional IN (0, 1));
`;
