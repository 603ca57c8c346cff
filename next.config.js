/** @type {import('next').NextConfig} */
const nextConfig = {
  // Native and WASM packages stay outside the server bundle and load from node_modules.
  serverExternalPackages: ["@node-rs/argon2", "pg-boss", "@electric-sql/pglite", "pg"],
  poweredByHeader: false,
  // forbidden() renders app/forbidden.tsx with a 403 status.
  experimental: { authInterrupts: true },
};

export default nextConfig;
