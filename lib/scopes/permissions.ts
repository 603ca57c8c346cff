/** SMART permission suffixes: v2 letters (`cruds` subsets, in order) and v1 `read`/`write`/`*`. */
import { quote } from "./suggest";
import {
  PERM_ALL,
  PERM_C,
  PERM_D,
  PERM_R,
  PERM_S,
  PERM_U,
  PERM_WRITE,
  type ScopeIssue,
} from "./types";

/** Set on scanPermissions' result when the suffix was a v1 word. */
export const V1_FLAG = 64;

/** Canonical letters for every mask 0..31, e.g. LETTERS[18] === "rs". */
export const LETTERS: readonly string[] = Array.from({ length: 32 }, (_, mask) =>
  "cruds"
    .split("")
    .filter((_, bit) => mask & (1 << bit))
    .join(""),
);

// Local copies: imported bindings are getter calls once compiled to CommonJS (see parse-clinical.ts).
const [C, R, U, D, S, ALL, WRITE] = [PERM_C, PERM_R, PERM_U, PERM_D, PERM_S, PERM_ALL, PERM_WRITE];

function letterBit(ch: number): number {
  switch (ch) {
    case 99:
      return C; // c
    case 114:
      return R; // r
    case 117:
      return U; // u
    case 100:
      return D; // d
    case 115:
      return S; // s
    default:
      return 0;
  }
}

/**
 * Reads the suffix s[start, end): the v2 mask, the mask | V1_FLAG for a v1
 * word, or -1 when it is not a valid suffix (permissionIssue explains why).
 */
export function scanPermissions(s: string, start: number, end: number): number {
  const length = end - start;
  if (length === 0) return -1;
  if (length === 1 && s.charCodeAt(start) === 42) return ALL | V1_FLAG;
  if (length === 4 && s.startsWith("read", start)) return R | S | V1_FLAG;
  if (length === 5 && s.startsWith("write", start)) return WRITE | V1_FLAG;
  let mask = 0;
  let last = 0;
  for (let i = start; i < end; i++) {
    const bit = letterBit(s.charCodeAt(i));
    if (bit <= last) return -1; // unknown letter (0), duplicate or out of order
    mask |= bit;
    last = bit;
  }
  return mask;
}

export function maskOfLetters(letters: string): number {
  let mask = 0;
  for (let i = 0; i < letters.length; i++) mask |= letterBit(letters.charCodeAt(i));
  return mask;
}

/** Interaction names people write instead of letters. */
const WORDS: Readonly<Record<string, string>> = {
  create: "c",
  search: "s",
  update: "u",
  delete: "d",
};

/** Why `suffix` is not a valid permission suffix, and how to fix it. */
export function permissionIssue(suffix: string): ScopeIssue {
  const shown = quote(suffix);
  if (suffix.length === 0) {
    return {
      code: "EMPTY_PERMISSIONS",
      message:
        "Permissions are missing after the `.`: add SMART v2 letters such as `rs` (read and search) or `cud` (create, update, delete), or v1 `read`/`write`.",
    };
  }
  const lower = suffix.toLowerCase();
  if (lower !== suffix && scanPermissions(lower, 0, lower.length) >= 0) {
    return {
      code: "UNKNOWN_PERMISSION",
      message: `Permissions ${shown} must be lower-case: did you mean ${quote(lower)}?`,
    };
  }
  if (
    lower === "all" ||
    lower === "cruds*" ||
    lower === "readwrite" ||
    lower === "read-write" ||
    lower === "read_write"
  ) {
    return {
      code: "UNKNOWN_PERMISSION",
      message: `${shown} is not a SMART permission: for full access use v2 \`cruds\` (or v1 \`*\`); request only the letters the app needs.`,
    };
  }
  const word = WORDS[lower];
  if (word !== undefined && Object.hasOwn(WORDS, lower)) {
    return {
      code: "UNKNOWN_PERMISSION",
      message: `${shown} is not a SMART permission: SMART v2 writes it as the letter ${quote(word)}${word === "s" ? " (e.g. `rs` to read and search)" : ""}; combine letters in the order c, r, u, d, s.`,
    };
  }
  if (lower.startsWith("read") || lower.startsWith("write")) {
    return {
      code: "UNKNOWN_PERMISSION",
      message: `${shown} is not a SMART permission and grants nothing: use v1 \`read\` or \`write\` exactly, or v2 letters (\`rs\` = read and search, \`cud\` = create, update, delete).`,
    };
  }
  let seen = 0;
  let duplicate = "";
  const unknown: string[] = [];
  for (const ch of suffix) {
    const bit = ch.length === 1 ? letterBit(ch.charCodeAt(0)) : 0;
    if (bit === 0) {
      if (!unknown.includes(ch)) unknown.push(ch);
    } else if (seen & bit) {
      duplicate ||= ch;
    } else {
      seen |= bit;
    }
  }
  if (unknown.length > 0) {
    const wantsWrite = unknown.includes("w");
    const fixed = LETTERS[seen | (wantsWrite ? PERM_WRITE : 0)]!;
    const hint = wantsWrite ? " Write access is `cud` (create, update, delete)." : "";
    return {
      code: "UNKNOWN_PERMISSION",
      message:
        `${shown} contains ${unknown.map((u) => quote(u)).join(", ")}, which ${unknown.length > 1 ? "are not SMART permission letters" : "is not a SMART permission letter"}; ` +
        `SMART v2 permissions use only c, r, u, d, s in that order.${hint}` +
        (fixed ? ` Did you mean ${quote(fixed)}?` : ""),
    };
  }
  const fixed = LETTERS[seen]!;
  if (duplicate) {
    return {
      code: "DUPLICATE_PERMISSION",
      message: `${shown} repeats ${quote(duplicate)}; each permission letter may appear once: did you mean ${quote(fixed)}?`,
    };
  }
  return {
    code: "PERMISSIONS_OUT_OF_ORDER",
    message: `${shown} lists permissions out of order; SMART v2 requires the order c, r, u, d, s: did you mean ${quote(fixed)}?`,
  };
}
