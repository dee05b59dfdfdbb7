export function SessionScreen() {
  return null;
}
