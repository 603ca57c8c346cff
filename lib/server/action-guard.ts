// Server-action requests Next.js would answer with a 500 of its own (cross-origin, over the size
// limit, a body that is not an encoded argument list), refused in proxy.ts with the status they
// deserve before any action code runs. Bodies that pass here but that React still cannot decode
// are refused by Next.js (500) before the action runs: nothing is written (README, security).
import { getEnv } from "../env";
import { isActionBody } from "./action-body";
import actionLimits from "./action-limits.json";

const FORM_BODY = /^(multipart\/form-data|application\/x-www-form-urlencoded)/i;
// Route handlers and the authorization server judge their own requests.
const OWN_RULES = /^\/(api|oauth)(\/|$)/;

const refuse = (status: 400 | 403 | 413, message: string) =>
  new Response(message, { status, headers: { "content-type": "text/plain; charset=utf-8" } });
const tooLarge = () => refuse(413, `The request is larger than ${actionLimits.bodyBytes} bytes.`);

/** The body's problem, if any: too large (chunked bodies carry no length), or not an action's arguments. */
async function bodyProblem(request: Request): Promise<Response | null> {
  const bytes = await request.clone().arrayBuffer();
  if (bytes.byteLength > actionLimits.bodyBytes) return tooLarge();
  const type = request.headers.get("content-type") ?? "";
  try {
    const body = /^multipart\/form-data/i.test(type)
      ? await new Response(bytes, { headers: { "content-type": type } }).formData()
      : new TextDecoder().decode(bytes);
    if (isActionBody(body)) return null;
  } catch {
    // not even a readable multipart body
  }
  return refuse(400, "The request's body is not an action's arguments.");
}

export async function refuseActionCall(request: Request): Promise<Response | null> {
  if (request.method !== "POST" || OWN_RULES.test(new URL(request.url).pathname)) return null;
  const isFetchAction = request.headers.has("next-action");
  if (!isFetchAction && !FORM_BODY.test(request.headers.get("content-type") ?? "")) return null;
  // The portal's own origin comes from its configuration, never from the request's headers.
  const origin = request.headers.get("origin");
  if (origin !== null && origin !== new URL(getEnv().APP_URL).origin)
    return refuse(403, "Cross-origin requests to the portal's actions are refused.");
  const length = Number(request.headers.get("content-length") ?? 0);
  if (length > actionLimits.bodyBytes) return tooLarge();
  return isFetchAction ? bodyProblem(request) : null;
}
