/**
 * Regional offices of the ministry and the regions each one serves. A case is routed to the office
 * of the applicant's region.
 */
export const OFFICES = [
  { code: 'LOM', name: 'Lomé', regions: ['Grand Lomé', 'Maritime'] },
  { code: 'ATK', name: 'Atakpamé', regions: ['Plateaux'] },
  { code: 'SOK', name: 'Sokodé', regions: ['Centrale'] },
  { code: 'KAR', name: 'Kara', regions: ['Kara'] },
  { code: 'DAP', name: 'Dapaong', regions: ['Savanes'] },
] as const;

export type OfficeCode = (typeof OFFICES)[number]['code'];
export const OFFICE_CODES = OFFICES.map((office) => office.code) as [OfficeCode, ...OfficeCode[]];

export function officeForRegion(region: string): OfficeCode | undefined {
  return OFFICES.find((office) => (office.regions as readonly string[]).includes(region))?.code;
}
