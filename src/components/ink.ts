/**
 * Colours for text in charts that read at WCAG AA (4.5:1) in the light and the dark theme alike
 * (test/browser/contrast.test.ts measures them). The series colours (teams, tiers, reasons) are mid-tones
 * chosen for bars: as text they are too light on white or too dark on the dark theme, and white text on
 * an orange or green bar is unreadable.
 */

/** Secondary text (a low sample, a faded row): the theme's muted colour, never the text colour at low opacity. */
export const MUTED = "var(--theme-foreground-muted)";

/**
 * Text drawn in a series' colour (a label beside its line or bar): the colour mixed with the theme's text
 * colour — darker on the light theme, lighter on the dark — so that it keeps its hue and still reads.
 */
export const seriesInk = (color: string) => `color-mix(in srgb, ${color} 55%, var(--theme-foreground))`;

/** Text drawn on a bar filled with `fill` (#rrggbb): white where white reads at 4.5:1 (as the charts drew it), else black. */
export function inkOn(fill: string): "white" | "black" {
  const channel = (i: number) => {
    const c = parseInt(fill.slice(i, i + 2), 16) / 255;
    return c <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4;
  };
  const luminance = 0.2126 * channel(1) + 0.7152 * channel(3) + 0.0722 * channel(5);
  // Contrast with white is 1.05 / (L + 0.05); below 4.5 black reads better (it is above 4.5 for any L over 0.175).
  return 1.05 / (luminance + 0.05) >= 4.5 ? "white" : "black";
}
