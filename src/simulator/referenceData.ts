/**
 * Togolese reference values (names, regions and towns, entry points, HS codes…) used to generate
 * realistic applications. A relative JSON import so bundlers inline it: the simulator also runs
 * inside the packaged app (training mode), where the repository's files are not at hand.
 */
import reference from '../../resources/reference/togo-reference.json';

export type Gender = 'F' | 'M';

export interface ReferenceData {
  givenNames: Readonly<Record<Gender, readonly string[]>>;
  familyNames: readonly string[];
  /** Region → its towns. Region names match `src/shared/domain/offices.ts`. */
  regions: Readonly<Record<string, readonly string[]>>;
  phonePrefixes: readonly string[];
  legalForms: readonly string[];
  entryPoints: readonly string[];
  /** HS heading (4 digits) → French product name. */
  sensitiveProducts: Readonly<Record<string, string>>;
  ecowasMembers: readonly string[];
  nonEcowasDestinations: readonly string[];
  craftTrades: readonly string[];
  regionalChambers: readonly string[];
}

export const referenceData: ReferenceData = {
  givenNames: { F: reference.given_names.female, M: reference.given_names.male },
  familyNames: reference.family_names,
  regions: reference.regions,
  phonePrefixes: reference.phone_prefixes,
  legalForms: reference.legal_forms,
  entryPoints: reference.entry_points,
  sensitiveProducts: reference.sensitive_products_hs,
  ecowasMembers: reference.ecowas_members,
  nonEcowasDestinations: reference.non_ecowas_destinations,
  craftTrades: reference.craft_trades,
  regionalChambers: reference.chambres_regionales_des_metiers,
};

export const regionNames: readonly string[] = Object.keys(referenceData.regions);
