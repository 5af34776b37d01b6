/** Small numeric helpers shared by the generator's modules. */

/** `value`, limited to [min, max]. */
export function clamp(value: number, min: number, max: number): number {
  return Math.min(max, Math.max(min, value));
}

/** Round to `significant` significant digits (amounts and revenues look typed in, not computed). */
export function roundTo(value: number, significant: number): number {
  if (value <= 0) return 0;
  const magnitude = Math.pow(10, Math.floor(Math.log10(value)) - significant + 1);
  return Math.round(value / magnitude) * magnitude;
}
