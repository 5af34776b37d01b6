/**
 * Number, percent and money formatting in the config's locale. Korean money is shown in 만/억 the way
 * Korean teams read it (₩1.2억), US dollars in K/M.
 */
export type Locale = "en" | "ko";

export function formatCount(value: number | null | undefined, locale: Locale = "en"): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  return value.toLocaleString(locale === "ko" ? "ko-KR" : "en-US", { maximumFractionDigits: 0 });
}

export function formatPercent(value: number | null | undefined, digits = 1): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  return `${(value * 100).toFixed(digits)}%`;
}

/** Compact money: $1.2M, $350K; ₩1.2억, ₩3,500만. */
export function formatMoney(value: number | null | undefined, currency = "USD", locale: Locale = "en"): string {
  if (value === null || value === undefined || !Number.isFinite(value)) return "–";
  const sign = value < 0 ? "−" : "";
  const abs = Math.abs(value);
  if (currency === "KRW") {
    if (abs >= 1e8) return `${sign}₩${trim(abs / 1e8)}억`;
    if (abs >= 1e4) return `${sign}₩${Math.round(abs / 1e4).toLocaleString("ko-KR")}만`;
    return `${sign}₩${Math.round(abs).toLocaleString("ko-KR")}`;
  }
  const symbol = currency === "USD" ? "$" : currency === "EUR" ? "€" : `${currency} `;
  const tag = locale === "ko" ? "ko-KR" : "en-US";
  if (abs >= 1e9) return `${sign}${symbol}${trim(abs / 1e9)}B`;
  if (abs >= 1e6) return `${sign}${symbol}${trim(abs / 1e6)}M`;
  if (abs >= 1e3) return `${sign}${symbol}${trim(abs / 1e3)}K`;
  return `${sign}${symbol}${Math.round(abs).toLocaleString(tag)}`;
}

function trim(value: number): string {
  return value >= 100 ? value.toFixed(0) : value.toFixed(1).replace(/\.0$/, "");
}
