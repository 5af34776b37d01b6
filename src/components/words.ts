/**
 * A page's copy in both languages, read through one t(). Each page keeps its words in one dictionary,
 * `{key: [english, korean]}` (entries may nest, and a word may be a function of the figures it quotes),
 * so a page never writes `ko ? … : …` inline and every sentence has both languages side by side.
 */
export type Locale = "en" | "ko";

// eslint-disable-next-line @typescript-eslint/no-explicit-any
type Phrase = string | ((...args: any[]) => string);
export interface Words {
  [key: string]: readonly [Phrase, Phrase] | Words;
}

/**
 * t("title"), t("lede", row), t("kinds.deals") — the word in the page's language. A key the dictionary
 * lacks is a bug in the page: it throws, naming the key, rather than show the key to a reader.
 * @example const t = translator({title: ["Plan", "계획"]}, "ko"); t("title") // "계획"
 */
// eslint-disable-next-line @typescript-eslint/no-explicit-any
export function translator(words: Words, locale: Locale): (key: string, ...args: any[]) => string {
  const index = locale === "ko" ? 1 : 0;
  return (key, ...args) => {
    const entry = key.split(".").reduce<Words | readonly [Phrase, Phrase] | undefined>(
      (node, part) => (node && !Array.isArray(node) ? (node as Words)[part] : undefined),
      words,
    );
    if (!Array.isArray(entry)) throw new Error(`no words for "${key}"`);
    const phrase = entry[index];
    return typeof phrase === "function" ? phrase(...args) : phrase;
  };
}
