/** Today's calendar date (YYYY-MM-DD) on this PC, to tell an expired certificate. */
export function todayIso(now = new Date()): string {
  const pad = (value: number) => String(value).padStart(2, '0');
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

/** Past its last valid day (`expiresOn` is that day, inclusive); never for a certificate without one. */
export function isExpired(expiresOn: string | null, now = new Date()): boolean {
  return expiresOn !== null && expiresOn < todayIso(now);
}
