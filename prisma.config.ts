import { defineConfig } from "prisma/config";

// The Prisma CLI reads this file. At run time the app builds its own client from DATABASE_URL
// (lib/db.ts), and migrations are applied by scripts/db/migrate.ts, which needs no download.
export default defineConfig({
  schema: "prisma/schema.prisma",
  migrations: { path: "prisma/migrations", seed: "tsx scripts/db/seed.ts" },
  datasource: { url: process.env.DATABASE_URL ?? "postgresql://postgres@127.0.0.1:5432/postgres" },
});
