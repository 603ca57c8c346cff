// The page a person sees when an authorization request cannot go on (unknown app, bad redirect
// URI, an expired sign-in). Plain HTML with inline styles in the portal's colours: it must render
// even when the request never reaches Next.js.
const escapeHtml = (text: string) =>
  text.replace(
    /[&<>"']/g,
    (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]!,
  );

export function errorPage(error: { error: string; error_description?: string }): string {
  const description = error.error_description ?? "The request could not be completed.";
  return `<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>Sign-in could not continue · Scopewarden</title></head>
<body style="margin:0;min-height:100vh;display:flex;align-items:center;justify-content:center;background:#f8fafc;font-family:ui-sans-serif,system-ui,sans-serif;color:#0f172a">
<main style="max-width:28rem;margin:1rem;padding:2rem;background:#fff;border:1px solid #e2e8f0;border-radius:.75rem">
<h1 style="margin:0 0 .5rem;font-size:1.25rem">Sign-in could not continue</h1>
<p style="margin:0 0 1rem;color:#475569;font-size:.875rem">${escapeHtml(description)}</p>
<p style="margin:0;color:#64748b;font-size:.75rem">Go back to the app and start again. Error code: <code>${escapeHtml(error.error)}</code></p>
</main></body></html>`;
}
