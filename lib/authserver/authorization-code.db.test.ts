// A standalone patient launch at the embedded authorization server: openid-client (a certified
// relying party) builds the request and redeems the code; a scripted browser (fetch with cookies)
// walks the sign-in, patient-picker and consent steps by posting the pages' forms.
import { createLocalJWKSet, jwtVerify } from "jose";
import * as oidc from "openid-client";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { setupTestDb } from "../testing/setup-test-db";
import { createEndUser } from "./accounts";
import { Browser as LaunchBrowser, walkLaunch } from "./launch.test-util";
import { publicJwks } from "./structured-tokens";
import { startTestAuthServer, type TestAuthServer } from "./test-server.test-util";

const t = setupTestDb();
let as: TestAuthServer;
const REDIRECT = "https://app.example.com/callback";
const PASSWORD = "Correct-Horse-Battery-9";
const SCOPE = "openid fhirUser launch/patient patient/Observation.rs offline_access";

class Browser extends LaunchBrowser {
  constructor() {
    super(REDIRECT);
  }
}
const walk = (browser: Browser, launchUrl: string, options?: Parameters<typeof walkLaunch>[3]) =>
  walkLaunch(browser, as.origin, launchUrl, options);

let config: oidc.Configuration;
let clientId: string;
let registration: Record<string, unknown>;

async function startLaunch(scope = SCOPE, extra: Record<string, string> = {}) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT,
    scope,
    state,
    aud: as.fhirBaseUrl,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
    ...extra,
  });
  return { url: url.href, verifier, state };
}

beforeAll(async () => {
  as = await startTestAuthServer(t.db);
  await createEndUser(t.db, {
    username: "alex@patients.test",
    name: "Alex Rivera",
    password: PASSWORD,
    kind: "patient",
    fhirUser: "Patient/alex-rivera",
    patients: [
      { id: "alex-rivera", name: "Alex Rivera" },
      { id: "sam-rivera", name: "Sam Rivera" },
    ],
  });
  const res = await as.register({
    client_name: "My Health",
    redirect_uris: [REDIRECT],
    grant_types: ["authorization_code", "refresh_token"],
    token_endpoint_auth_method: "none",
    scope: SCOPE,
  });
  registration = await res.json();
  clientId = registration.client_id as string;
  config = await oidc.discovery(new URL(as.issuer), clientId, undefined, oidc.None(), {
    execute: [oidc.allowInsecureRequests],
  });
});
afterAll(async () => {
  await as?.close();
});

describe("authorization code with PKCE, standalone patient launch", () => {
  it("signs in, picks a patient, consents, and gets tokens carrying that launch context", async () => {
    const launch = await startLaunch();
    const callback = await walk(new Browser(), launch.url);
    expect(callback).toBeInstanceOf(URL);
    const tokens = await oidc.authorizationCodeGrant(config, callback as URL, {
      pkceCodeVerifier: launch.verifier,
      expectedState: launch.state,
      idTokenExpected: true,
    });
    expect(tokens.patient).toBe("sam-rivera");
    expect((tokens.scope ?? "").split(" ").sort()).toEqual(SCOPE.split(" ").sort());
    expect(tokens.refresh_token).toEqual(expect.any(String));
    expect(tokens.claims()?.fhirUser).toBe(`${as.fhirBaseUrl}/Patient/alex-rivera`);
    const { payload } = await jwtVerify(
      tokens.access_token,
      createLocalJWKSet(publicJwks(as.keys.jwks)),
      {
        issuer: as.issuer,
        audience: as.fhirBaseUrl,
      },
    );
    expect(payload).toMatchObject({
      client_id: clientId,
      scope: "patient/Observation.rs",
      patient: "sam-rivera",
      fhirUser: `${as.fhirBaseUrl}/Patient/alex-rivera`,
    });
    const introspected = await oidc.tokenIntrospection(config, tokens.access_token);
    expect(introspected).toMatchObject({ active: true, patient: "sam-rivera" });
  });

  it("issues a refresh token only for offline_access, and refreshing keeps the launch context", async () => {
    const online = await startLaunch("openid fhirUser launch/patient patient/Observation.rs");
    const callback = (await walk(new Browser(), online.url, { patient: "alex-rivera" })) as URL;
    const tokens = await oidc.authorizationCodeGrant(config, callback, {
      pkceCodeVerifier: online.verifier,
      expectedState: online.state,
    });
    expect(tokens.refresh_token).toBeUndefined();
    expect(tokens.patient).toBe("alex-rivera");

    const offline = await startLaunch();
    const offlineTokens = await oidc.authorizationCodeGrant(
      config,
      (await walk(new Browser(), offline.url)) as URL,
      { pkceCodeVerifier: offline.verifier, expectedState: offline.state },
    );
    const refreshed = await oidc.refreshTokenGrant(config, offlineTokens.refresh_token!);
    expect(refreshed.patient).toBe("sam-rivera");
    expect(refreshed.scope?.split(" ")).toContain("patient/Observation.rs");
  });

  it("refuses an authorization request without PKCE, or for an unregistered scope", async () => {
    const state = oidc.randomState();
    const noPkce = oidc.buildAuthorizationUrl(config, {
      redirect_uri: REDIRECT,
      scope: SCOPE,
      state,
    });
    const refused = (await new Browser().follow(noPkce.href)) as URL;
    expect(refused.searchParams.get("error")).toBe("invalid_request");
    expect(refused.searchParams.get("error_description")).toMatch(/PKCE/);

    const wider = await startLaunch(`${SCOPE} patient/Condition.rs`);
    const tooMuch = (await new Browser().follow(wider.url)) as URL;
    expect(tooMuch.searchParams.get("error")).toBe("invalid_scope");
    expect(tooMuch.searchParams.get("error_description")).toMatch(/patient\/Condition\.rs/);

    const elsewhere = await startLaunch(SCOPE, { aud: "https://other.example.com/fhir" });
    const wrongAud = (await new Browser().follow(elsewhere.url)) as URL;
    expect(wrongAud.searchParams.get("error")).toBe("invalid_request");
  });

  it("sends the person back to the page on a wrong password or a patient not theirs", async () => {
    const launch = await startLaunch();
    const wrong = await walk(new Browser(), launch.url, { password: "not-it" });
    expect(String(wrong)).toMatch(/error=credentials/);
    const stranger = await walk(new Browser(), (await startLaunch()).url, {
      patient: "jordan-lee",
    });
    expect(String(stranger)).toMatch(/error=patient/);
  });

  it("tells the app access_denied when the person declines", async () => {
    const browser = new Browser();
    const launch = await startLaunch();
    const page = (await browser.follow(launch.url)) as Response;
    const { url } = (await page.json()) as { url: string };
    const denied = (await browser.follow(`${as.origin}${url}/abort`, { form: {} })) as URL;
    expect(denied.searchParams.get("error")).toBe("access_denied");
  });

  it("shows the sign-in page only to the browser that started the request", async () => {
    const page = (await new Browser().follow((await startLaunch()).url)) as Response;
    const { url } = (await page.json()) as { url: string };
    const other = await fetch(`${as.origin}${url}`);
    expect(other.status).toBe(400);
    expect(await other.text()).toMatch(/expired or was opened in another browser/);
    const post = await new Browser().request(`${as.origin}${url}/login`, {
      form: { username: "alex@patients.test", password: PASSWORD },
    });
    expect(post.status).toBe(400);
  });

  it("takes a narrowed registration into account on the next refresh", async () => {
    const launch = await startLaunch();
    const tokens = await oidc.authorizationCodeGrant(
      config,
      (await walk(new Browser(), launch.url)) as URL,
      { pkceCodeVerifier: launch.verifier, expectedState: launch.state },
    );
    const { registration_access_token, registration_client_uri, client_id_issued_at, ...rest } =
      registration;
    void client_id_issued_at;
    const narrowed = await fetch(registration_client_uri as string, {
      method: "PUT",
      headers: {
        Authorization: `Bearer ${registration_access_token}`,
        "Content-Type": "application/json",
      },
      body: JSON.stringify({ ...rest, scope: "openid fhirUser launch/patient offline_access" }),
    });
    expect(narrowed.status).toBe(200);
    const refreshed = await oidc.refreshTokenGrant(config, tokens.refresh_token!);
    expect(refreshed.scope?.split(" ")).not.toContain("patient/Observation.rs");
  });
});
