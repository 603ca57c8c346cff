// What the portal answers while its database is unreachable: 503 with Retry-After, as a page for
// people and as the error vocabulary's JSON for programs. Plain strings, no framework: the same
// answer comes from the front server (node:http), proxy.ts and the route handlers.
import { RETRY_AFTER_SECONDS, serviceUnavailable } from "../errors";
import { PLAIN_PAGE_CSP } from "../http/security-headers";

export const UNAVAILABLE_COPY = {
  label: "503 · Temporarily unavailable",
  title: "Scopewarden is temporarily unavailable",
  body: "We cannot reach our database right now. Nothing you did was lost, and nothing was half-saved. Try again shortly.",
  action: "Try again",
} as const;

export type UnavailableAnswer = {
  status: 503;
  headers: Record<string, string>;
  body: string;
};

const escape = (text: string) =>
  text.replace(/[&<>"]/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;" })[c]!);

// The portal's look (slate on slate-50, the brand blue, the SW mark) without its stylesheet, which
// Next.js serves and which may not be reachable from here.
const PAGE = `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="robots" content="noindex">
<title>${escape(UNAVAILABLE_COPY.title)}</title>
<style>
  body { margin: 0; min-height: 100vh; display: flex; align-items: center; justify-content: center;
    background: #f8fafc; color: #0f172a; -webkit-font-smoothing: antialiased;
    font-family: ui-sans-serif, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif; }
  main { max-width: 32rem; padding: 3rem 1rem; text-align: center; }
  .brand { display: inline-flex; align-items: center; gap: .5rem; font-size: 1.125rem; font-weight: 600; margin-bottom: 2rem; }
  .mark { display: inline-grid; place-items: center; width: 2rem; height: 2rem; border-radius: .375rem;
    background: #1f5fbf; color: #fff; font-size: .875rem; font-weight: 700; }
  .label { font-size: .875rem; font-weight: 600; color: #b45309; margin: 0 0 1rem; }
  h1 { font-size: 1.5rem; font-weight: 600; margin: 0 0 1rem; }
  p { font-size: .875rem; line-height: 1.5; color: #475569; margin: 0 0 1.5rem; }
  a.button { display: inline-flex; align-items: center; height: 2.5rem; padding: 0 1rem; border-radius: .375rem;
    background: #fff; color: #1e293b; font-size: .875rem; font-weight: 500; text-decoration: none;
    box-shadow: inset 0 0 0 1px #cbd5e1; }
  a.button:hover { background: #f8fafc; }
  a:focus-visible { outline: 2px solid #1f5fbf; outline-offset: 2px; }
</style>
</head>
<body>
<main>
  <div class="brand"><span class="mark" aria-hidden="true">SW</span>Scopewarden</div>
  <p class="label">${escape(UNAVAILABLE_COPY.label)}</p>
  <h1>${escape(UNAVAILABLE_COPY.title)}</h1>
  <p>${escape(UNAVAILABLE_COPY.body)}</p>
  <a class="button" href="">${escape(UNAVAILABLE_COPY.action)}</a>
</main>
</body>
</html>
`;

const common = {
  "Retry-After": String(RETRY_AFTER_SECONDS),
  "Cache-Control": "no-store",
};

/** The 503 answer: the page for "html", `{"error": {"code": "SERVICE_UNAVAILABLE", …}}` for "json". */
export function unavailableAnswer(kind: "html" | "json"): UnavailableAnswer {
  if (kind === "html") {
    return {
      status: 503,
      headers: {
        ...common,
        "Content-Type": "text/html; charset=utf-8",
        "Content-Security-Policy": PLAIN_PAGE_CSP,
      },
      body: PAGE,
    };
  }
  const error = serviceUnavailable();
  return {
    status: 503,
    headers: { ...common, "Content-Type": "application/json" },
    body: JSON.stringify({ error: { code: error.code, message: error.message } }),
  };
}

/** The same answer as a web Response (route handlers, proxy.ts). */
export function unavailableResponse(kind: "html" | "json", method = "GET"): Response {
  const answer = unavailableAnswer(kind);
  return new Response(method === "HEAD" ? null : answer.body, {
    status: answer.status,
    headers: answer.headers,
  });
}
