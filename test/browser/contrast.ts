/**
 * WCAG 2 contrast of the text a page shows. Two halves:
 * - pure colour arithmetic (relative luminance, contrast ratio, alpha compositing) in Node, unit-checked;
 * - collectTextSamples(), run in the page by page.evaluate: for every visible text, its colour and the
 *   layers of colour beneath it, as the browser computed them.
 */

/** A colour as sRGB channels 0–255 and alpha 0–1. */
export type Rgba = [number, number, number, number];

/** `top` painted over `bottom` (source-over). */
export function composite([r, g, b, a]: Rgba, [r2, g2, b2, a2]: Rgba): Rgba {
  const alpha = a + a2 * (1 - a);
  if (alpha === 0) return [0, 0, 0, 0];
  const mix = (c: number, c2: number) => (c * a + c2 * a2 * (1 - a)) / alpha;
  return [mix(r, r2), mix(g, g2), mix(b, b2), alpha];
}

/** WCAG 2 relative luminance of an opaque colour. */
export function luminance([r, g, b]: Rgba): number {
  const linear = (c: number) => ((c /= 255) <= 0.04045 ? c / 12.92 : ((c + 0.055) / 1.055) ** 2.4);
  return 0.2126 * linear(r) + 0.7152 * linear(g) + 0.0722 * linear(b);
}

/** The contrast ratio (1–21) of text in `fg` (painted over `bg` when translucent) on an opaque `bg`. */
export function contrastRatio(fg: Rgba, bg: Rgba): number {
  const [l1, l2] = [luminance(composite(fg, bg)), luminance(bg)];
  return (Math.max(l1, l2) + 0.05) / (Math.min(l1, l2) + 0.05);
}

/** WCAG's "large text" (3:1 suffices): at least 24px, or 18.66px (14pt) and bold. */
export const isLargeText = (px: number, weight: number) => px >= 24 || (px >= 18.66 && weight >= 700);

/** One visible text as the page shows it. */
export interface TextSample {
  kind: "th" | "td" | "kpi" | "chart" | "control" | "text";
  /** Selector-ish: the element and two ancestors, tags and first classes. */
  where: string;
  text: string;
  /** The text's colour, its alpha multiplied by every opacity above it. */
  fg: Rgba;
  /** Under each point sampled along the text, the colours beneath it, topmost first, the last opaque. */
  backgrounds: Rgba[][];
  /** Rendered size in CSS px (an SVG scaled to its container scales its text) and weight. */
  px: number;
  weight: number;
}

/** Flatten a stack of layers (topmost first, the last opaque) to the opaque colour it shows. */
export const flatten = (stack: Rgba[]): Rgba => stack.reduceRight((below, layer) => composite(layer, below));

/** The lowest contrast of a sample's text over any of the backgrounds under it. */
export const sampleRatio = (s: TextSample) => Math.min(...s.backgrounds.map((stack) => contrastRatio(s.fg, flatten(stack))));

/** The sample's required ratio: 4.5, or 3 for large text. */
export const required = (s: TextSample) => (isLargeText(s.px, s.weight) ? 3 : 4.5);

/**
 * Run in the page (page.evaluate): every visible text in the body. HTML elements with text of their own
 * (table body cells only in a table's first 10 rows) and form fields' values, and every SVG <text>, whose colour is its `fill`
 * and whose background is first a halo (a stroke painted under it), then the chart's own shapes it sits
 * on (a count inside a bar), then the page behind the chart. Backgrounds are background-color only (no
 * gradients or images: the site draws text on neither); an ancestor's opacity fades the text (and the
 * backgrounds it paints itself). Self-contained: page.evaluate sends its source, without this module.
 */
export function collectTextSamples(): TextSample[] {
  const ctx = document.createElement("canvas").getContext("2d", { willReadFrequently: true })!;
  /** A computed colour as Rgba; null for none. Chromium computes rgb(), color(srgb …), or oklch() and the like. */
  const rgba = (css: string): Rgba | null => {
    if (!css || css === "none" || css.startsWith("url(")) return null;
    const rgb = css.match(/^rgba?\(([^)]*)\)$/);
    if (rgb) {
      const [r, g, b, a = 1] = rgb[1]!.split(/[\s,/]+/).filter(Boolean).map(Number);
      return [r!, g!, b!, a];
    }
    const srgb = css.match(/^color\(srgb ([^)]*)\)$/);
    if (srgb) {
      const [r, g, b, a = 1] = srgb[1]!.split(/[\s/]+/).filter(Boolean).map(Number);
      return [r! * 255, g! * 255, b! * 255, a];
    }
    // Any other space: let a canvas paint it in sRGB.
    ctx.clearRect(0, 0, 1, 1);
    ctx.fillStyle = css;
    ctx.fillRect(0, 0, 1, 1);
    const [r, g, b, a] = ctx.getImageData(0, 0, 1, 1).data;
    return [r!, g!, b!, a! / 255];
  };
  const withAlpha = (c: Rgba | null, alpha: number): Rgba | null => (c ? [c[0], c[1], c[2], c[3] * alpha] : null);
  const opacityOf = (el: Element | null): number => (el ? Number(getComputedStyle(el).opacity) * opacityOf(el.parentElement) : 1);
  const visible = (el: Element) => {
    const box = el.getBoundingClientRect();
    return box.width > 0 && box.height > 0 && el.checkVisibility({ opacityProperty: true, visibilityProperty: true });
  };
  /** The background-colors from `el` up to the first opaque one; white if none is (the canvas). */
  const htmlBackgrounds = (el: Element | null, layers: Rgba[] = []): Rgba[] => {
    for (; el; el = el.parentElement) {
      const bg = withAlpha(rgba(getComputedStyle(el).backgroundColor), opacityOf(el));
      if (bg && bg[3] > 0) layers.push(bg);
      if (bg && bg[3] >= 1) return layers;
    }
    return [...layers, [255, 255, 255, 1]];
  };
  const describe = (el: Element) => {
    const parts: string[] = [];
    for (let e: Element | null = el; e && parts.length < 3 && e !== document.body; e = e.parentElement) {
      const classes = [...e.classList].filter((c) => !/^inputs-|^plot-/.test(c)).slice(0, 2);
      parts.unshift(e.tagName.toLowerCase() + (e.id ? `#${e.id}` : "") + classes.map((c) => `.${c}`).join(""));
    }
    return parts.join(" > ");
  };
  const kindOf = (el: Element): TextSample["kind"] =>
    el.matches("select, input") ? "control" : el.closest("th") ? "th" : el.closest("td") ? "td" : el.closest(".kpi") ? "kpi" : el.closest("svg, figure, [class*='-swatches'], [class*='-legend']") ? "chart" : "text";
  // Text is what has a letter or a digit: a lone glyph ("■" in a legend, "━", "○") is a colour key, a graphic
  // held to the bars it names (WCAG 1.4.11), not text.
  const isText = (s: string) => /[\p{L}\p{N}]/u.test(s);
  const samples: TextSample[] = [];

  // HTML: an element with a text node of its own, a select's chosen option, a text field's value.
  for (const el of document.body.querySelectorAll("*")) {
    if (el instanceof SVGElement || ["SCRIPT", "STYLE", "TEMPLATE", "OPTION"].includes(el.tagName)) continue;
    const own =
      el instanceof HTMLSelectElement ? (el.selectedOptions[0]?.text ?? "")
      : el instanceof HTMLInputElement ? (/^(text|number|search|date|email|url|tel)$/.test(el.type) ? el.value : "")
      : [...el.childNodes].filter((n) => n.nodeType === Node.TEXT_NODE).map((n) => n.textContent).join("").trim();
    // A disabled field is exempt (WCAG: an inactive component).
    if (!isText(own) || !visible(el) || el.matches(":disabled")) continue;
    const row = el.closest("tbody tr") as HTMLTableRowElement | null;
    if (row && el.closest("td") && row.sectionRowIndex >= 10) continue;
    const style = getComputedStyle(el);
    samples.push({
      kind: kindOf(el),
      where: describe(el),
      text: own.slice(0, 60),
      fg: withAlpha(rgba(style.color), opacityOf(el))!,
      backgrounds: [htmlBackgrounds(el)],
      px: parseFloat(style.fontSize),
      weight: Number(style.fontWeight),
    });
  }

  // SVG: each <text>, over what its chart painted before it (document order is paint order).
  for (const text of document.body.querySelectorAll("svg text")) {
    // Its words without its <title> (a tooltip, not drawn).
    const words = [...text.childNodes].filter((n) => n.nodeName !== "title").map((n) => n.textContent).join("").trim();
    if (!(text instanceof SVGTextElement) || !isText(words) || !visible(text)) continue;
    const style = getComputedStyle(text);
    const fg = withAlpha(rgba(style.fill), Number(style.fillOpacity) * opacityOf(text));
    if (!fg) continue;
    const svg = text.ownerSVGElement!;
    // The shapes painted before the text, topmost (last painted) first.
    const below = [...svg.querySelectorAll<SVGGeometryElement>("rect, path, circle, ellipse, polygon")]
      .filter((s) => s.compareDocumentPosition(text) & Node.DOCUMENT_POSITION_FOLLOWING && !s.closest("defs, clipPath, mask, marker, pattern") && visible(s))
      .reverse();
    // A halo: the text's own stroke, painted first (paint-order: stroke), at least 2px wide.
    const halo =
      style.paintOrder.startsWith("stroke") && parseFloat(style.strokeWidth) >= 2 ? withAlpha(rgba(style.stroke), Number(style.strokeOpacity)) : null;
    const box = text.getBoundingClientRect();
    const backgrounds: Rgba[][] = [];
    // Three points along the text's middle: a label that runs off a bar's end has two backgrounds.
    for (const x of [box.left + 2, box.left + box.width / 2, box.right - 2]) {
      const layers: Rgba[] = halo && halo[3] > 0 ? [halo] : [];
      for (const shape of below) {
        if (layers.at(-1)?.[3] === 1) break;
        const fill = withAlpha(rgba(getComputedStyle(shape).fill), Number(getComputedStyle(shape).fillOpacity) * opacityOf(shape));
        if (!fill || fill[3] === 0) continue;
        const point = new DOMPoint(x, box.top + box.height / 2).matrixTransform(shape.getScreenCTM()!.inverse());
        if (shape.isPointInFill(point)) layers.push(fill);
      }
      const stack = layers.at(-1)?.[3] === 1 ? layers : htmlBackgrounds(svg, layers);
      if (!backgrounds.some((b) => JSON.stringify(b) === JSON.stringify(stack))) backgrounds.push(stack);
    }
    const ctm = text.getScreenCTM()!;
    samples.push({
      kind: "chart",
      where: describe(text),
      text: words.slice(0, 60),
      fg,
      backgrounds,
      px: parseFloat(style.fontSize) * Math.hypot(ctm.a, ctm.b),
      weight: Number(style.fontWeight),
    });
  }
  return samples;
}
