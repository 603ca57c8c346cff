/** "Did you mean" helpers for error messages. */

let rowA = new Int32Array(64);
let rowB = new Int32Array(64);

/** Levenshtein distance, giving up (returning max + 1) as soon as it must exceed `max`. */
export function editDistance(a: string, b: string, max = Number.MAX_SAFE_INTEGER): number {
  if (a === b) return 0;
  if (Math.abs(a.length - b.length) > max) return max + 1;
  if (a.length === 0 || b.length === 0) return Math.max(a.length, b.length);
  if (rowA.length <= b.length) {
    rowA = new Int32Array(b.length + 1);
    rowB = new Int32Array(b.length + 1);
  }
  let prev = rowA;
  let curr = rowB;
  for (let j = 0; j <= b.length; j++) prev[j] = j;
  for (let i = 1; i <= a.length; i++) {
    curr[0] = i;
    let rowMin = i;
    const ca = a.charCodeAt(i - 1);
    for (let j = 1; j <= b.length; j++) {
      const cost = ca === b.charCodeAt(j - 1) ? 0 : 1;
      const v = Math.min(prev[j]! + 1, curr[j - 1]! + 1, prev[j - 1]! + cost);
      curr[j] = v;
      if (v < rowMin) rowMin = v;
    }
    if (rowMin > max) return max + 1;
    [prev, curr] = [curr, prev];
  }
  return prev[b.length]!;
}

/** Allowed typo distance for a word of this length: short words must be near-exact. */
export function typoBudget(length: number): number {
  if (length <= 3) return 0;
  if (length <= 5) return 1;
  if (length <= 12) return 2;
  return 3;
}

export interface Suggester {
  /** The closest candidate: an exact match after `normalize` first, then the smallest edit distance within budget. */
  suggest(word: string): string | null;
}

/** Builds a suggester over a fixed candidate list; `normalize` defaults to lower-casing. */
export function createSuggester(
  candidates: readonly string[],
  normalize: (s: string) => string = (s) => s.toLowerCase(),
): Suggester {
  const exact = new Map<string, string>();
  const keyed: [string, string][] = [];
  for (const c of candidates) {
    const key = normalize(c);
    if (!exact.has(key)) exact.set(key, c);
    keyed.push([key, c]);
  }
  return {
    suggest(word: string): string | null {
      if (word.length === 0 || word.length > 80) return null;
      const key = normalize(word);
      const hit = exact.get(key);
      if (hit !== undefined) return hit;
      let best: string | null = null;
      let bestDistance = typoBudget(key.length);
      if (bestDistance === 0) return null;
      for (const [candidate, original] of keyed) {
        const d = editDistance(key, candidate, bestDistance);
        if (d <= bestDistance && (best === null || d < bestDistance)) {
          best = original;
          bestDistance = d;
        }
      }
      return best;
    },
  };
}

/** One-off suggestion (builds a throw-away suggester; use createSuggester for a fixed list). */
export function closestMatch(word: string, candidates: readonly string[]): string | null {
  return createSuggester(candidates).suggest(word);
}

/** Code-formatted text for messages; long or odd input is shortened and made printable. */
export function quote(text: string, max = 60): string {
  const shown = text.length > max ? `${text.slice(0, max)}…` : text;
  for (let i = 0; i < shown.length; i++) {
    const ch = shown.charCodeAt(i);
    if (ch < 0x20 || ch === 0x7f || ch === 0x60) {
      return `\`${shown.replace(/[\u0000-\u001f\u007f`]/g, (c) => `\\u${c.charCodeAt(0).toString(16).padStart(4, "0")}`)}\``;
    }
  }
  return `\`${shown}\``;
}
