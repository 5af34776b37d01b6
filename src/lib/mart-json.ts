/**
 * A mart as the site publishes it: one JSON file of column arrays (written by src/data/marts.zip.ts,
 * read by the pages). One definition for the loader that writes it and the pages that read it.
 */
export interface MartJson {
  name: string;
  /** What one row is (the model's header). */
  description: string;
  /** Column → its description, in table order. */
  columns: Record<string, string>;
  rowCount: number;
  /** Column → values, one per row. */
  data: Record<string, unknown[]>;
  /**
   * For a list mart (an act-on list): the JSON holds the first `listRank` rows of the list (and of each
   * team's, where the mart ranks per team) and the first `ownerRank` of each owner's, of `ofRows` in all.
   */
  shown?: { listRank: number; ownerRank: number; ofRows: number };
}
