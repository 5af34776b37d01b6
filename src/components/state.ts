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

/**
 * The period the reader last chose, on any page of the site in this browser tab (sessionStorage): the
 * next page opens on it when it offers that period type and key, so moving between pages keeps the
 * quarter being discussed. A page's URL still wins, and a page that does not offer the type keeps its
 * own default. Storage may be unavailable (a private window, a sandbox): then nothing is remembered.
 */
const PERIOD_STORAGE_KEY = "sales-dashboard:period";

export interface RememberedPeriod {
  period?: string;
  key?: string;
}

export function rememberedPeriod(): RememberedPeriod {
  try {
    const value: unknown = JSON.parse(sessionStorage.getItem(PERIOD_STORAGE_KEY) ?? "{}");
    if (typeof value !== "object" || value === null) return {};
    const { period, key } = value as Record<string, unknown>;
    return { ...(typeof period === "string" && { period }), ...(typeof key === "string" && { key }) };
  } catch {
    return {};
  }
}

/** Remember the reader's choice: a period type alone (its key yet to be chosen), or a type with its key. */
export function rememberPeriod(choice: RememberedPeriod): void {
  try {
    const previous = rememberedPeriod();
    // A new type without a key keeps the last key only if it is of that type (a page checks the key anyway).
    const next = choice.key === undefined ? { ...previous, ...choice } : choice;
    sessionStorage.setItem(PERIOD_STORAGE_KEY, JSON.stringify(next));
  } catch {
    // No storage: the choice lives only in this page's URL.
  }
}

/** The page's default for a param, unless the reader last chose one of the `allowed` values on another page. */
export function rememberedOr(name: keyof RememberedPeriod, allowed: readonly string[], fallback: string): string {
  const value = rememberedPeriod()[name];
  return value !== undefined && allowed.includes(value) ? value : fallback;
}
