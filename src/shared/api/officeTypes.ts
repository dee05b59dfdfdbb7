/** One office, many desks (design multi-desk): what the API says about desks and enrollment. */

/** A desk of the office as the portal lists it (« Postes de travail »). */
export interface OfficeDesk {
  /** `LOM-03`: given by the portal, in order. */
  id: string;
  label: string;
  keyId: string | null;
  enrolledAt: string;
  lastContactAt: string | null;
  directorySequence: number | null;
  appVersion: string | null;
  pendingActions: number | null;
  failedActions: number | null;
  retiredAt: string | null;
}

/**
 * This desk as « À propos » and « Postes de travail » show it. `portalApi` null: not yet asked
 * (or the portal could not be reached since start).
 */
export interface DeskSummary {
  mode: 'single' | 'office';
  deskId: string | null;
  officeCode: string;
  label: string | null;
  keyId: string | null;
  enrolledAt: string | null;
  portalApi: 1 | 2 | null;
  /** The portal announces desk enrollment (`desks` feature). */
  portalEnrolls: boolean;
}

export interface DesksOverview {
  desk: DeskSummary;
  /** The office's desks from the last contact with the portal (empty for a single desk). */
  desks: OfficeDesk[];
  /** What « Faire de ce poste le premier poste du bureau » would publish. */
  toPublish: { accounts: number; keys: number; certificates: number } | null;
  trainingMode: boolean;
}

export interface EnrollmentCode {
  /** `K7QF-M2XD-94TB`: shown once, typed on the new desk. */
  code: string;
  label: string;
  expiresAt: string;
}
