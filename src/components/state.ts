/**
 * Filter and period state kept in the page's URL (?period=quarter&key=2026-Q3&channel=inbound), so a
 * link reproduces the view a team lead is looking at. Values are read as plain strings and only ever
 * compared with known options; nothing from the URL is rendered as HTML.
 */
export function readParam(name: string, allowed: readonly string[], fallback: string): string {
  const value = new URLSearchParams(location.search).get(name);
  return value !== null && allowed.includes(value) ? value : fallback;
}

/** Write the page's filter values to the URL without reloading; defaults are left out to keep links short. */
export function writeParams(values: Record<string, string>, defaults: Record<string, string> = {}): void {
  const params = new URLSearchParams(location.search);
  for (const [name, value] of Object.entries(values)) {
    if (value === defaults[name]) params.delete(name);
    else params.set(name, value);
  }
  const query = params.toString();
  history.replaceState(history.state, "", `${location.pathname}${query ? `?${query}` : ""}${location.hash}`);
}
