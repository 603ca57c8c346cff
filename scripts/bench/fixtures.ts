// Set-based seed data shared by the benchmarks: partners, apps, and the resource types their
// scopes are spread over.
import type { Db } from "../../lib/database/client";

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
