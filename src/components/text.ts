/**
 * Text measured without a browser, for laying out chart labels before they are drawn. Plot's own
 * estimate counts a Hangul syllable as narrow as a Latin "e", so a Korean label it thinks fits runs out
 * of its margin: labels are measured and wrapped here instead.
 */

/** Hangul, CJK and full-width forms: a glyph about as wide as two Latin letters. */
const WIDE = /[\u1100-\u11ff\u3000-\u9fff\uac00-\ud7af\uff00-\uffef]/;

/** A rough width in pixels of a 10px label: Hangul and other wide glyphs count double. */
export function textWidth(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 10 : 6;
  return width;
}

/** A text's width in widths of a Latin letter (a table's `ch`): a wide glyph counts two. */
export function textColumns(text: string): number {
  let width = 0;
  for (const ch of text) width += WIDE.test(ch) ? 2 : 1;
  return width;
}

/** The label broken into lines at spaces so that each is at most `maxWidth` pixels (a word longer keeps its own line). */
export function wrapLines(text: string, maxWidth: number): string {
  const lines: string[] = [];
  // An arrow goes with the word after it: a line never ends on "→".
  const words = text.split(/\s+/).filter(Boolean).reduce<string[]>((all, word) => {
    if (all.length && all[all.length - 1] === "→") all[all.length - 1] = `→ ${word}`;
    else all.push(word);
    return all;
  }, []);
  for (const word of words) {
    const last = lines.length ? lines[lines.length - 1]! : null;
    if (last !== null && textWidth(`${last} ${word}`) <= maxWidth) lines[lines.length - 1] = `${last} ${word}`;
    else lines.push(word);
  }
  return lines.join("\n");
}
