// React encodes a server action's arguments as one JSON array (a text body), or as form fields
// whose "0" is that array and whose other fields are the rows and files it points to ("$1",
// "$Q2", "$B3": hexadecimal ids, decimal field names). A body that breaks this grammar makes
// React's decoder throw, which Next.js answers with a 500; this check lets the portal answer 400.

/** "$"-strings that stand for themselves: escapes, undefined, NaN, ±Infinity, -0, dates, bigints, temporary and form-data references. */
const SELF_CONTAINED = /^\$(\$|undefined$|NaN$|Infinity$|-Infinity$|-0$|D|n-?\d{1,300}$|T$|K)/;
const REFERENCE = /^\$[A-Za-z@]?([0-9a-f]{1,8})$/;
const MAX_PARTS = 1000;

type Parts = { get: (name: string) => FormDataEntryValue | null } | null;

function parseRow(text: string): { ok: true; value: unknown } | { ok: false } {
  try {
    return { ok: true, value: JSON.parse(text) };
  } catch {
    return { ok: false };
  }
}

/** Every reference in `root` (and in the rows it points to) resolves; nothing else is read. */
function referencesResolve(root: unknown, parts: Parts): boolean {
  const pending: unknown[] = [root];
  const seen = new Set<string>();
  while (pending.length) {
    const value = pending.pop();
    if (Array.isArray(value)) pending.push(...value);
    else if (typeof value === "object" && value !== null) pending.push(...Object.values(value));
    else if (typeof value === "string" && value.startsWith("$") && !SELF_CONTAINED.test(value)) {
      const id = REFERENCE.exec(value)?.[1];
      const name = id === undefined ? undefined : String(parseInt(id, 16));
      const part = name === undefined ? null : (parts?.get(name) ?? null);
      if (part === null || name === undefined) return false;
      if (typeof part !== "string" || seen.has(name)) continue;
      if (seen.add(name).size > MAX_PARTS) return false;
      const row = parseRow(part);
      if (!row.ok) return false;
      pending.push(row.value);
    }
  }
  return true;
}

/** Whether a server-action body is an argument list React can decode. */
export function isActionBody(body: string | FormData): boolean {
  const root = typeof body === "string" ? body : body.get("0");
  if (typeof root !== "string") return false;
  const parsed = parseRow(root);
  if (!parsed.ok || !Array.isArray(parsed.value)) return false;
  return referencesResolve(parsed.value, typeof body === "string" ? null : body);
}
