/**
 * Number, percent and money formatting in the config's locale. Korean money is shown in 만/억 the way
 * Korean teams read it (₩1.2억), US dollars in K/M.
 */
export type { Locale } from "./words.js";
import type { Locale } from "./words.js";

// One formatter per locale: toLocaleString builds a new one on every call, which made formatting the
// largest part of a team page's re-render.
const COUNT = {
  en: new Intl.NumberFormat("en-US", { maximumFractionDigits: 0 }),
  ko: new Intl.NumberFormat("ko-KR", { maximumFractionDigits: 0 }),
};

export function formatCount(value: number | null | undefined, locale: Locale = "en"): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  return COUNT[locale === "ko" ? "ko" : "en"].format(value);
}

export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  return `${(value * 100).toFixed(digits)}%`;
}

/** A change in a rate, in percentage points from a share: "+2.1 pt" (Korean "+2.1%p"); `signed: false` drops the sign. */
export function formatPoints(value: number | null | undefined, locale: Locale = "en", { signed = true } = {}): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  // Rounded before the sign is chosen: a change of −0.0004 reads "0.0 pt", never "-0.0 pt".
  const points = Math.round(value * 1000) / 10;
  const shown = signed ? points : Math.abs(points);
  return `${signed && points > 0 ? "+" : ""}${(shown === 0 ? 0 : shown).toFixed(1)}${locale === "ko" ? "%p" : " pt"}`;
}

/** Compact money: $1.2M, $350K; ₩1.2억, ₩3,500만. */
export function formatMoney(value: number | null | undefined, currency = "USD", locale: Locale = "en"): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  const sign = value < 0 ? "−" : "";
  const abs = Math.abs(value);
  if (currency === "KRW") {
    if (abs >= 1e8) return `${sign}₩${trim(abs / 1e8)}억`;
    if (abs >= 1e4) return `${sign}₩${COUNT.ko.format(Math.round(abs / 1e4))}만`;
    return `${sign}₩${COUNT.ko.format(Math.round(abs))}`;
  }
  const symbol = currency === "USD" ? "$" : currency === "EUR" ? "€" : `${currency} `;
  if (abs >= 1e9) return `${sign}${symbol}${trim(abs / 1e9)}B`;
  if (abs >= 1e6) return `${sign}${symbol}${trim(abs / 1e6)}M`;
  if (abs >= 1e3) return `${sign}${symbol}${trim(abs / 1e3)}K`;
  return `${sign}${symbol}${formatCount(Math.round(abs), locale)}`;
}

function trim(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(1).replace(/\.0$/, "");
}
