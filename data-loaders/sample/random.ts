/**
 * A small seeded pseudo-random number generator for the sample-data generator. The same seed always
 * gives the same sequence, on every machine, so the generated exports are byte-identical run to run.
 * Math.random is never used.
 *
 * The core is sfc32 (Chris Doty-Humphrey's "small fast counter", 128 bits of state, passes PractRand),
 * seeded through the cyrb128 string hash, so a stream can be derived from any seed and label:
 * `new Random(42).fork("accounts")` is independent of `fork("leads")`. Forking per concern keeps one part
 * of the generator from shifting the draws of another when its number of draws changes.
 *
 * @example
 * const rng = new Random(42);
 * rng.int(1, 6);                      // a die roll
 * rng.weighted(["A", "B", "C"], [15, 25, 60]);
 * rng.lognormal(20_000, 0.6);         // median 20,000
 */
export class Random {
  private a: number;
  private b: number;
  private c: number;
  private d: number;
  private spareNormal: number | null = null;
  private readonly seedText: string;

  constructor(seed: number | string) {
    this.seedText = String(seed);
    [this.a, this.b, this.c, this.d] = cyrb128(this.seedText);
    // The first outputs of a freshly seeded sfc32 are weakly mixed; discard them.
    for (let i = 0; i < 15; i++) this.next();
  }

  /** An independent stream for one concern, derived from this stream's seed and a label. */
  fork(label: string): Random {
    return new Random(`${this.seedText}/${label}`);
  }

  /** A float in [0, 1). */
  next(): number {
    const a = this.a | 0;
    const b = this.b | 0;
    const c = this.c | 0;
    const d = this.d | 0;
    const t = (((a + b) | 0) + d) | 0;
    this.d = (d + 1) | 0;
    this.a = b ^ (b >>> 9);
    this.b = (c + (c << 3)) | 0;
    this.c = ((c << 21) | (c >>> 11)) + t;
    this.c |= 0;
    return (t >>> 0) / 4294967296;
  }

  /** A float in [min, max). */
  uniform(min: number, max: number): number {
    return min + (max - min) * this.next();
  }

  /** An integer in [min, max], both ends included. */
  int(min: number, max: number): number {
    return min + Math.floor(this.next() * (max - min + 1));
  }

  /** True with probability p. */
  chance(p: number): boolean {
    return this.next() < p;
  }

  /** One item, each equally likely. */
  pick<T>(items: readonly T[]): T {
    if (items.length === 0) throw new Error("pick from an empty list");
    return items[Math.floor(this.next() * items.length)] as T;
  }

  /** One item, chosen with probability proportional to its weight. For many draws, use `weightedPicker`. */
  weighted<T>(items: readonly T[], weights: readonly number[]): T {
    let total = 0;
    for (const w of weights) total += w;
    let target = this.next() * total;
    for (let i = 0; i < items.length; i++) {
      target -= weights[i] ?? 0;
      if (target < 0) return items[i] as T;
    }
    return items[items.length - 1] as T;
  }

  /** A normal variate (Box–Muller; the second value of each pair is kept for the next call). */
  normal(mean = 0, sd = 1): number {
    if (this.spareNormal !== null) {
      const z = this.spareNormal;
      this.spareNormal = null;
      return mean + sd * z;
    }
    let u = 0;
    while (u === 0) u = this.next();
    const v = this.next();
    const radius = Math.sqrt(-2 * Math.log(u));
    this.spareNormal = radius * Math.sin(2 * Math.PI * v);
    return mean + sd * radius * Math.cos(2 * Math.PI * v);
  }

  /** A lognormal variate given its median (not its mean) and the sd of its logarithm. */
  lognormal(median: number, sigma: number): number {
    return median * Math.exp(sigma * this.normal());
  }

  /** An exponential variate with the given mean. */
  exponential(mean: number): number {
    return -mean * Math.log(1 - this.next());
  }

  /** A Poisson count (Knuth's method below 30, a rounded normal above: we only need "poisson-ish"). */
  poisson(lambda: number): number {
    if (lambda <= 0) return 0;
    if (lambda > 30) return Math.max(0, Math.round(this.normal(lambda, Math.sqrt(lambda))));
    const limit = Math.exp(-lambda);
    let k = 0;
    let product = this.next();
    while (product > limit) {
      k++;
      product *= this.next();
    }
    return k;
  }

  /** Shuffle an array in place (Fisher–Yates) and return it. */
  shuffle<T>(items: T[]): T[] {
    for (let i = items.length - 1; i > 0; i--) {
      const j = Math.floor(this.next() * (i + 1));
      const tmp = items[i] as T;
      items[i] = items[j] as T;
      items[j] = tmp;
    }
    return items;
  }
}

/**
 * A reusable weighted choice over a fixed list: cumulative weights plus binary search, for lists drawn
 * from many times (accounts for a million leads).
 * @example const pickTier = weightedPicker(["A", "B", "C"], [15, 25, 60]); pickTier(rng);
 */
export function weightedPicker<T>(items: readonly T[], weights: ArrayLike<number>): (rng: Random) => T {
  if (items.length === 0 || items.length !== weights.length) throw new Error("weightedPicker needs one weight per item");
  const cumulative = new Float64Array(items.length);
  let total = 0;
  for (let i = 0; i < items.length; i++) {
    total += Math.max(0, weights[i] ?? 0);
    cumulative[i] = total;
  }
  if (total <= 0) throw new Error("weightedPicker needs a positive total weight");
  return (rng) => {
    const target = rng.next() * total;
    let low = 0;
    let high = items.length - 1;
    while (low < high) {
      const mid = (low + high) >>> 1;
      if ((cumulative[mid] as number) > target) high = mid;
      else low = mid + 1;
    }
    return items[low] as T;
  };
}

/** cyrb128: a fast 128-bit string hash, used only to seed sfc32 from text. */
function cyrb128(text: string): [number, number, number, number] {
  let h1 = 1779033703;
  let h2 = 3144134277;
  let h3 = 1013904242;
  let h4 = 2773480762;
  for (let i = 0; i < text.length; i++) {
    const k = text.charCodeAt(i);
    h1 = h2 ^ Math.imul(h1 ^ k, 597399067);
    h2 = h3 ^ Math.imul(h2 ^ k, 2869860233);
    h3 = h4 ^ Math.imul(h3 ^ k, 951274213);
    h4 = h1 ^ Math.imul(h4 ^ k, 2716044179);
  }
  h1 = Math.imul(h3 ^ (h1 >>> 18), 597399067);
  h2 = Math.imul(h4 ^ (h2 >>> 22), 2869860233);
  h3 = Math.imul(h1 ^ (h3 >>> 17), 951274213);
  h4 = Math.imul(h2 ^ (h4 >>> 19), 2716044179);
  h1 ^= h2 ^ h3 ^ h4;
  h2 ^= h1;
  h3 ^= h1;
  h4 ^= h1;
  return [h1 >>> 0, h2 >>> 0, h3 >>> 0, h4 >>> 0];
}

/**
 * Yes/no draws whose running count of yeses follows the sum of their probabilities. Each draw's chance
 * is nudged by the running surplus or deficit, so a rate over a few thousand records lands on its
 * expected value instead of wandering by the binomial noise, while every single draw stays random.
 * The generator uses it for the funnel's decisions, so the documented rates hold for any seed and do
 * not jump when an unrelated parameter changes the sequence of draws.
 * @example const wins = new SteadyChance(rng); wins.draw(0.3); // true about 30% of the time, steadily
 */
export class SteadyChance {
  private expected = 0;
  private actual = 0;

  constructor(
    private readonly rng: Random,
    /** How strongly one record of surplus or deficit moves the next draw's chance. */
    private readonly gain = 0.1,
  ) {}

  draw(probability: number): boolean {
    const nudged = Math.min(1, Math.max(0, probability + this.gain * (this.expected - this.actual)));
    this.expected += probability;
    const yes = this.rng.next() < nudged;
    if (yes) this.actual++;
    return yes;
  }
}
