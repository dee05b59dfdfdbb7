/** The header's bell: cases newly assigned to me (issue 7). */
export function NotificationBell() {
  return null;
}
