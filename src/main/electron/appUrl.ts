/** True for the app's own renderer page and nothing else. */
export function isAppUrl(url: string, rendererIndexUrl: string): boolean {
  return url.split('#')[0] === rendererIndexUrl.split('#')[0];
}
