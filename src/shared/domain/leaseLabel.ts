/**
 * How every desk names who holds a case (design multi-desk §8): « Kossi Agbodjan jusqu'à 16:40 »,
 * another day « Kossi Agbodjan jusqu'au 13/03 à 09:15 ». Times are Lomé's (UTC, no summer time),
 * read from the portal's expiry and compared with the portal's clock.
 */
export function leaseHolderLabel(holderName: string, expiresAt: string, portalNow: Date): string {
  const end = new Date(expiresAt);
  const time = `${String(end.getUTCHours()).padStart(2, '0')}:${String(end.getUTCMinutes()).padStart(2, '0')}`;
  const sameDay = end.toISOString().slice(0, 10) === portalNow.toISOString().slice(0, 10);
  if (sameDay) return `${holderName} jusqu'à ${time}`;
  const day = `${String(end.getUTCDate()).padStart(2, '0')}/${String(end.getUTCMonth() + 1).padStart(2, '0')}`;
  return `${holderName} jusqu'au ${day} à ${time}`;
}
