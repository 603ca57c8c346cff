import actionLimits from "./lib/server/action-limits.json" with { type: "json" };

/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and WASM packages stay outside the server bundle and load from node_modules.
  serverExternalPackages: ["@node-rs/argon2", "pg-boss", "@electric-sql/pglite", "pg"],
  poweredByHeader: false,
  // Zod without its `new Function` probe in the browser (components/zod-browser.ts).
  turbopack: { resolveAlias: { zod: { browser: "./components/zod-browser.ts" } } },
  experimental: {
    // forbidden() renders app/forbidden.tsx with a 403 status.
    authInterrupts: true,
    // Room for the drift check's 5 MB upload. proxy.ts answers 413 above it: Next.js itself
    // would answer 500.
    serverActions: { bodySizeLimit: actionLimits.bodyBytes },
  },
};

export default nextConfig;
