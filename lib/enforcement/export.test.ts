import { describe, expect, it } from "vitest";
import {
  buildGenericExport,
  buildKeycloakExport,
  computeDrift,
  parseUpstreamConfig,
  type ApprovedClient,
} from "./export";

const rows: ApprovedClient[] = [
  {
    clientId: "swc_a",
    appName: "My Health",
    organizationName: "BrightPath",
    isLive: true,
    scopes: ["patient/Observation.rs", "openid", "fhirUser", "launch/patient"],
  },
  {
    clientId: "swc_b",
    appName: "Legacy",
    organizationName: "VitalSync",
    isLive: false,
    scopes: ["patient/Patient.rs"],
    grants: [{ scope: "patient/Patient.rs", expiresAt: null, lastUsedAt: null }],
  },
  {
    clientId: "swc_c",
    appName: "P2P",
    organizationName: "PayerLink",
    isLive: true,
    scopes: ["system/Coverage.rs"],
    grants: [
      {
        scope: "system/Coverage.rs",
        expiresAt: new Date("2027-01-01T00:00:00Z"),
        lastUsedAt: new Date("2026-01-01T10:00:00Z"),
      },
    ],
  },
];

describe("export", () => {
  it("lists every client with its live scopes, suspended ones with none", () => {
    const out = buildGenericExport(rows, new Date("2026-01-02T03:04:05Z"));
    expect(out.generatedAt).toBe("2026-01-02T03:04:05.000Z");
    expect(out.clients).toEqual([
      {
        clientId: "swc_a",
        appName: "My Health",
        organization: "BrightPath",
        appStatus: "active",
        scopes: ["fhirUser", "launch/patient", "openid", "patient/Observation.rs"],
        grants: [],
      },
      {
        clientId: "swc_b",
        appName: "Legacy",
        organization: "VitalSync",
        appStatus: "suspended",
        scopes: [],
        grants: [],
      },
      {
        clientId: "swc_c",
        appName: "P2P",
        organization: "PayerLink",
        appStatus: "active",
        scopes: ["system/Coverage.rs"],
        grants: [
          {
            scope: "system/Coverage.rs",
            expiresAt: "2027-01-01T00:00:00.000Z",
            lastUsedAt: "2026-01-01T10:00:00.000Z",
          },
        ],
      },
    ]);
  });

  it("writes the Keycloak form: identity scopes default, the rest optional, each scope declared once", () => {
    const out = buildKeycloakExport(rows);
    expect(out.clients[0]).toEqual({
      clientId: "swc_a",
      name: "My Health",
      enabled: true,
      defaultClientScopes: ["fhirUser", "openid"],
      optionalClientScopes: ["launch/patient", "patient/Observation.rs"],
    });
    expect(out.clients[1]).toMatchObject({
      enabled: false,
      defaultClientScopes: [],
      optionalClientScopes: [],
    });
    expect(out.clientScopes.map((s) => s.name)).toEqual([
      "fhirUser",
      "launch/patient",
      "openid",
      "patient/Observation.rs",
      "system/Coverage.rs",
    ]);
  });

  it("reads its own exports back with no drift", () => {
    for (const text of [
      JSON.stringify(buildGenericExport(rows, new Date())),
      JSON.stringify(buildKeycloakExport(rows)),
    ]) {
      const parsed = parseUpstreamConfig(text);
      if (!parsed.ok) throw new Error(parsed.error);
      const drift = computeDrift(rows, parsed.config);
      expect(drift.clients).toEqual([]);
      expect(drift.unknownClients).toEqual([]);
      expect(drift.inSyncCount).toBe(3);
    }
  });
});

describe("upload", () => {
  it("explains what is wrong with a file", () => {
    expect(parseUpstreamConfig("{oops")).toEqual({
      ok: false,
      error: "The file is not valid JSON.",
    });
    expect(parseUpstreamConfig("[]")).toMatchObject({
      ok: false,
      error: expect.stringContaining('"clients" list'),
    });
    expect(
      parseUpstreamConfig('{"clients":[{"clientId":"x","scopes":"patient/Patient.rs"}]}'),
    ).toEqual({
      ok: false,
      error: "Generic file: scopes must be a list of strings. (at clients.0.scopes)",
    });
    expect(parseUpstreamConfig('{"clients":[{"defaultClientScopes":[]}]}')).toMatchObject({
      ok: false,
      error: expect.stringMatching(/^Keycloak file: Each client needs a clientId/),
    });
  });

  it("accepts a Keycloak realm export with other fields", () => {
    const parsed = parseUpstreamConfig(
      JSON.stringify({
        realm: "fhir",
        enabled: true,
        clients: [
          {
            clientId: "swc_a",
            protocol: "openid-connect",
            defaultClientScopes: ["openid"],
            optionalClientScopes: ["patient/Observation.read"],
          },
        ],
      }),
    );
    expect(parsed).toEqual({
      ok: true,
      config: {
        format: "keycloak",
        clients: [{ clientId: "swc_a", scopes: ["openid", "patient/Observation.read"] }],
      },
    });
  });
});

describe("drift", () => {
  const drift = (
    clients: { clientId: string; scopes: string[] }[],
    format: "generic" | "keycloak" = "generic",
  ) => computeDrift(rows, { format, clients });

  it("compares by meaning, not by spelling", () => {
    const report = drift([
      {
        clientId: "swc_a",
        scopes: ["patient/Observation.read", "openid", "fhirUser", "launch/patient"],
      },
    ]);
    expect(report.clients).toEqual([]);
    expect(report.inSyncCount).toBe(1);
  });

  it("finds scopes allowed upstream that were never approved, and approved ones upstream lacks", () => {
    const report = drift([
      {
        clientId: "swc_a",
        scopes: [
          "patient/Observation.rs",
          "patient/Observation.cud",
          "patient/Condition.rs",
          "openid",
          "nonsense!",
        ],
      },
    ]);
    expect(report.clients).toEqual([
      {
        clientId: "swc_a",
        appName: "My Health",
        appStatus: "active",
        unapproved: [
          "nonsense! (not a valid SMART scope)",
          "patient/Condition.rs",
          "patient/Observation.cud",
        ],
        missing: ["fhirUser", "launch/patient"],
        ignored: [],
      },
    ]);
  });

  it("treats a narrower upstream scope as approved, a broader one as not", () => {
    const narrower = drift([
      {
        clientId: "swc_a",
        scopes: [
          "patient/Observation.rs?category=vital-signs",
          "openid",
          "fhirUser",
          "launch/patient",
        ],
      },
    ]);
    expect(narrower.clients[0]).toMatchObject({
      unapproved: [],
      missing: ["patient/Observation.rs"],
    });
    const broader = drift([{ clientId: "swc_c", scopes: ["system/*.rs"] }]);
    expect(broader.clients[0]).toMatchObject({ unapproved: ["system/*.rs"], missing: [] });
  });

  it("counts everything a suspended app still has upstream as unapproved", () => {
    expect(drift([{ clientId: "swc_b", scopes: ["patient/Patient.rs"] }]).clients[0]).toMatchObject(
      { appStatus: "suspended", unapproved: ["patient/Patient.rs"], missing: [] },
    );
  });

  it("reports unknown clients and apps absent upstream, skipping Keycloak's own clients and scopes", () => {
    const report = drift(
      [
        { clientId: "swc_zzz", scopes: [] },
        { clientId: "account", scopes: [] },
        { clientId: "swc_c", scopes: ["system/Coverage.rs", "email", "roles"] },
      ],
      "keycloak",
    );
    expect(report.unknownClients).toEqual(["swc_zzz"]);
    expect(report.absentUpstream.map((c) => c.clientId)).toEqual(["swc_a"]);
    expect(report.clients).toEqual([]);
    expect(report.inSyncCount).toBe(1);
  });
});
