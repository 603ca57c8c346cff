/** Percent-decoding and the minimal canonical encoding of query narrowing. */
import type { QueryPair, ScopeQuery } from "./types";

const HEX = "0123456789ABCDEF";

/** True when the character is printed literally in canonical form. */
export function isLiteral(ch: number): boolean {
  // Printable ASCII except the characters that carry query syntax: % & = # + ?
  return (
    ch > 0x20 &&
    ch < 0x7f &&
    ch !== 0x25 &&
    ch !== 0x26 &&
    ch !== 0x3d &&
    ch !== 0x23 &&
    ch !== 0x2b &&
    ch !== 0x3f
  );
}

/** Minimal percent-encoding: `|`, `:`, `/`, `,` and other printable ASCII stay literal. */
export function encodeQueryComponent(text: string): string {
  let i = 0;
  while (i < text.length && isLiteral(text.charCodeAt(i))) i++;
  if (i === text.length) return text;
  let out = text.slice(0, i);
  for (; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (isLiteral(ch)) out += text[i];
    else if (ch < 0x80) out += `%${HEX[ch >> 4]}${HEX[ch & 15]}`;
    else {
      const cp = text.codePointAt(i)!;
      const char = String.fromCodePoint(cp);
      out += encodeURIComponent(char); // UTF-8 bytes; input is known to be well-formed
      i += char.length - 1;
    }
  }
  return out;
}

function isWellFormed(text: string): boolean {
  for (let i = 0; i < text.length; i++) {
    const ch = text.charCodeAt(i);
    if (ch >= 0xd800 && ch <= 0xdbff) {
      const next = text.charCodeAt(i + 1);
      if (!(next >= 0xdc00 && next <= 0xdfff)) return false;
      i++;
    } else if (ch >= 0xdc00 && ch <= 0xdfff) return false;
  }
  return true;
}

/** Percent-decodes; returns null for a malformed escape, invalid UTF-8 or an unpaired surrogate. */
export function decodeQueryComponent(raw: string): string | null {
  let decoded = raw;
  if (raw.includes("%")) {
    try {
      decoded = decodeURIComponent(raw);
    } catch {
      return null;
    }
  }
  return isWellFormed(decoded) ? decoded : null;
}

export function encodeQuery(pairs: readonly QueryPair[]): string {
  let out = "";
  for (const [name, value] of pairs) {
    out += `${out ? "&" : ""}${encodeQueryComponent(name)}=${encodeQueryComponent(value)}`;
  }
  return out;
}

/** The display form: name → value, or name → values when a name repeats. */
export function queryObject(pairs: readonly QueryPair[]): ScopeQuery {
  const out: Record<string, string | string[]> = {};
  for (let i = 0; i < pairs.length; i++) {
    const [name, value] = pairs[i]!;
    const existing = Object.hasOwn(out, name) ? out[name] : undefined;
    const next =
      existing === undefined
        ? value
        : typeof existing === "string"
          ? [existing, value]
          : [...existing, value];
    // defineProperty keeps a name like `__proto__` as plain data.
    if (name === "__proto__")
      Object.defineProperty(out, name, {
        value: next,
        enumerable: true,
        writable: true,
        configurable: true,
      });
    else out[name] = next;
  }
  return out;
}
