/**
 * Salesforce ids: 15 characters (3-character key prefix, 2-character instance, a reserved 0, a 9-digit
 * base-62 counter) plus Salesforce's 3-character case checksum, so every id is a valid 18-character id.
 */

const KEY_PREFIXES = {
  Account: "001",
  Contact: "003",
  User: "005",
  Opportunity: "006",
  OpportunityHistory: "008",
  UserRole: "00E",
  OpportunityCompetitor: "00J",
  Lead: "00Q",
  Task: "00T",
  CampaignMember: "00v",
  Campaign: "701",
} as const;
export type KeyedObject = keyof typeof KEY_PREFIXES;

const BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
const CHECKSUM_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZ012345";

/** Hands out ids per object in creation order, as Salesforce assigns them. */
export class IdFactory {
  private readonly counters = new Map<KeyedObject, number>();

  next(object: KeyedObject): string {
    // Counters start at a per-object offset so that ids look like a real org's, not 000…001.
    const counter = (this.counters.get(object) ?? 3_000_000 + 1_000_000 * Object.keys(KEY_PREFIXES).indexOf(object)) + 1;
    this.counters.set(object, counter);
    return salesforceId(KEY_PREFIXES[object], counter);
  }
}

/** An 18-character Salesforce id for a key prefix and a counter. */
export function salesforceId(prefix: string, counter: number): string {
  let digits = "";
  for (let n = counter; n > 0; n = Math.floor(n / 62)) digits = BASE62[n % 62] + digits;
  const id15 = `${prefix}5g0${digits.padStart(9, "0")}`;
  if (id15.length !== 15) throw new Error(`id counter out of range: ${counter}`);
  return id15 + idChecksum(id15);
}

/** Salesforce's case-safe suffix: for each 5-character chunk, a bit per upper-case letter. */
function idChecksum(id15: string): string {
  let suffix = "";
  for (let chunk = 0; chunk < 3; chunk++) {
    let bits = 0;
    for (let i = 0; i < 5; i++) {
      const c = id15.charCodeAt(chunk * 5 + i);
      if (c >= 65 && c <= 90) bits |= 1 << i;
    }
    suffix += CHECKSUM_ALPHABET[bits];
  }
  return suffix;
}
