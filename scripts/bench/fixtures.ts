// Set-based seed data shared by the benchmarks: partners, apps, their grants, and the resource
// types their scopes are spread over.
import pg from "pg";
import type { Db } from "../../lib/database/client";
import { newApiKey } from "../../lib/enforcement/api-keys";

/** 25 real FHIR R4 resource types as a SQL CTE `types(t, k)`, k = 0…24. */
export const RESOURCE_TYPES_CTE = `types AS (
  SELECT t, row_number() OVER () - 1 AS k FROM unnest(ARRAY[
    'Patient','Observation','Condition','Encounter','Coverage','ExplanationOfBenefit','MedicationRequest','Procedure',
    'Immunization','AllergyIntolerance','DiagnosticReport','DocumentReference','CarePlan','CareTeam','Claim','ClaimResponse',
    'Task','Practitioner','Organization','Location','Device','Goal','ServiceRequest','Specimen','Appointment']) AS t)`;

/** 200 partner organisations and `apps` backend apps spread over them (one minute apart in age). */
export async function insertPartnersAndApps(db: Db, apps: number): Promise<void> {
  await db.$executeRawUnsafe(`
    INSERT INTO "Organization" ("id", "name", "updatedAt")
    SELECT gen_random_uuid(), 'Partner ' || lpad(i::text, 3, '0'), now() FROM generate_series(1, 200) AS i`);
  await db.$executeRawUnsafe(`
    INSERT INTO "App" ("id", "organizationId", "name", "nameKey", "appType", "clientType", "launchModes", "redirectUris", "clientId", "updatedAt", "createdAt")
    SELECT gen_random_uuid(), o."id", 'App ' || i, 'app ' || i, 'backend', 'backend', '{}', '{}', 'swc_bench_' || i, now(), now() - (i || ' minutes')::interval
    FROM generate_series(1, ${Math.trunc(apps)}) AS i
    JOIN (SELECT "id", row_number() OVER (ORDER BY "name") - 1 AS n FROM "Organization") o ON o.n = i % 200`);
}

const SCOPE_POOL = [
  "Patient",
  "Observation",
  "Condition",
  "Encounter",
  "MedicationRequest",
  "Immunization",
  "DocumentReference",
  "Coverage",
  "ExplanationOfBenefit",
  "Procedure",
  "AllergyIntolerance",
  "DiagnosticReport",
  "CarePlan",
  "Claim",
  "ClaimResponse",
  "Task",
].flatMap((type) => [`patient/${type}.rs`, `user/${type}.rs`, `system/${type}.rs`]);

/**
 * `apps` backend apps over 100 partners, `perApp` live grants each (from a pool of 48 scopes), and
 * a gateway API key, whose secret it returns.
 */
export async function insertClientsWithGrants(
  url: string,
  apps: number,
  perApp: number,
): Promise<string> {
  const client = new pg.Client({ connectionString: url });
  await client.connect();
  try {
    await client.query(
      `INSERT INTO "Organization" ("name", "updatedAt") SELECT 'Bench partner ' || g, now() FROM generate_series(1, 100) g`,
    );
    await client.query(
      `INSERT INTO "App" ("organizationId", "name", "nameKey", "appType", "clientType", "launchModes", "redirectUris", "clientId", "updatedAt")
       SELECT o."id", 'Bench app ' || g, 'bench app ' || g, 'backend', 'backend', '{}', '{}', 'swc_bench_' || g, now()
       FROM generate_series(1, $1::int) g
       JOIN (SELECT "id", row_number() OVER (ORDER BY "id") - 1 AS n FROM "Organization") o ON o.n = g % 100`,
      [apps],
    );
    await client.query(
      `INSERT INTO "AppScope" ("appId", "scope", "requested", "state", "risk", "policyOutcome", "grantedAt", "updatedAt")
       SELECT a."id", p.pool[1 + ((a.n * 7 + i) % array_length(p.pool, 1))], p.pool[1 + ((a.n * 7 + i) % array_length(p.pool, 1))],
              'granted', 'low', 'grant', now(), now()
       FROM (SELECT "id", substring("clientId" from 11)::int AS n FROM "App") a
       CROSS JOIN generate_series(0, $1::int - 1) i
       CROSS JOIN (SELECT $2::text[] AS pool) p`,
      [perApp, SCOPE_POOL],
    );
    const { key, prefix, keyHash } = newApiKey();
    await client.query(
      `INSERT INTO "ApiKey" ("name", "prefix", "keyHash") VALUES ('bench', $1, $2)`,
      [prefix, keyHash],
    );
    const counts = await client.query(
      `SELECT (SELECT count(*) FROM "App") AS apps, (SELECT count(*) FROM "AppScope") AS grants`,
    );
    const n = (x: unknown) => Number(x).toLocaleString("en");
    console.log(`Loaded ${n(counts.rows[0].apps)} apps and ${n(counts.rows[0].grants)} grants.`);
    await client.query("ANALYZE");
    return key;
  } finally {
    await client.end();
  }
}
