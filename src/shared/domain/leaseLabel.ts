/**
 * How every desk names who holds a case (design multi-desk §8): « Kossi Agbodjan jusqu'à 16:40 »,
 * another day « Kossi Agbodjan jusqu'au 13/03 à 09:15 »; a check-out for offline work, which lasts
 * days, by its day: « Kossi Agbodjan jusqu'au 21/03 ». Times are Lomé's (UTC, no summer time),
 * read from the portal's expiry and compared with the portal's clock.
 */

export type LeaseKind = 'claim' | 'checkout';

const two = (value: number) => String(value).padStart(2, '0');
const timeOf = (end: Date) => `${two(end.getUTCHours())}:${two(end.getUTCMinutes())}`;
const dayOf = (end: Date) => `${two(end.getUTCDate())}/${two(end.getUTCMonth() + 1)}`;

/** « jusqu'à 16:40 », « jusqu'au 13/03 à 09:15 », « jusqu'au 21/03 » (English « until … »). */
export function leaseUntil(
  expiresAt: string,
  portalNow: Date,
  kind: LeaseKind,
  language: 'fr' | 'en',
): string {
  const end = new Date(expiresAt);
  const sameDay = end.toISOString().slice(0, 10) === portalNow.toISOString().slice(0, 10);
  if (language === 'en') {
    if (sameDay) return `until ${timeOf(end)}`;
    return kind === 'checkout' ? `until ${dayOf(end)}` : `until ${dayOf(end)} at ${timeOf(end)}`;
  }
  if (sameDay) return `jusqu'à ${timeOf(end)}`;
  return kind === 'checkout' ? `jusqu'au ${dayOf(end)}` : `jusqu'au ${dayOf(end)} à ${timeOf(end)}`;
}

/** « Kossi Agbodjan jusqu'à 16:40 »: the holder and the end, as refusals quote them. */
export function leaseHolderLabel(
  holderName: string,
  expiresAt: string,
  portalNow: Date,
  kind: LeaseKind = 'claim',
): string {
  return `${holderName} ${leaseUntil(expiresAt, portalNow, kind, 'fr')}`;
}

/**
 * The whole line a screen shows (inbox row, case header): « Pris en charge par Kossi Agbodjan
 * jusqu'à 16:40 », « Emporté hors ligne par Kossi Agbodjan jusqu'au 21/03 »; in English « Claimed
 * by … until 16:40 », « Taken offline by … until 21/03 ».
 */
export function leaseLabel(
  lease: { holderName: string; kind: LeaseKind; expiresAt: string },
  portalNow: Date,
  language: 'fr' | 'en' = 'fr',
): string {
  const end = leaseUntil(lease.expiresAt, portalNow, lease.kind, language);
  if (language === 'en') {
    return `${lease.kind === 'checkout' ? 'Taken offline' : 'Claimed'} by ${lease.holderName} ${end}`;
  }
  return `${lease.kind === 'checkout' ? 'Emporté hors ligne' : 'Pris en charge'} par ${lease.holderName} ${end}`;
}
