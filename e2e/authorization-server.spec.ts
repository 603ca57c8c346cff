// A standalone patient launch in Chromium against the embedded authorization server as `npm start`
// serves it: a client registered over RFC 7591, the person signs in, picks a patient, reads the
// plain-words consent and allows; openid-client redeems the code.
import { expect, test, type Page } from "@playwright/test";
import * as oidc from "openid-client";
import { DEMO_PASSWORD, demoEndUsers } from "./fixtures";
import { E2E_REGISTRATION_TOKEN } from "./registration-token";

const REDIRECT = "https://launch.app.test/callback";
const SCOPE = "openid fhirUser launch/patient patient/Observation.rs patient/Condition.rs";

async function registerApp(baseURL: string) {
  const res = await fetch(`${baseURL}/oauth/reg`, {
    method: "POST",
    headers: {
      Authorization: `Bearer ${E2E_REGISTRATION_TOKEN}`,
      "Content-Type": "application/json",
    },
    body: JSON.stringify({
      client_name: "Rivera Family Health",
      redirect_uris: [REDIRECT],
      token_endpoint_auth_method: "none",
      scope: SCOPE,
    }),
  });
  expect(res.status).toBe(201);
  const { client_id } = (await res.json()) as { client_id: string };
  return oidc.discovery(new URL(`${baseURL}/oauth`), client_id, undefined, oidc.None(), {
    execute: [oidc.allowInsecureRequests],
  });
}

async function startLaunch(page: Page, config: oidc.Configuration) {
  const verifier = oidc.randomPKCECodeVerifier();
  const state = oidc.randomState();
  const url = oidc.buildAuthorizationUrl(config, {
    redirect_uri: REDIRECT,
    scope: SCOPE,
    state,
    code_challenge: await oidc.calculatePKCECodeChallenge(verifier),
    code_challenge_method: "S256",
  });
  await page.goto(url.href);
  return { verifier, state };
}

/**
 * The URL the authorization server sends the browser to. The app is not running and its host does
 * not resolve, so what counts is the request the browser makes: Playwright does not route the hops
 * of a redirect, and waiting for the page to load there races the DNS error.
 */
function callbackRequest(page: Page) {
  return page
    .waitForRequest((request) => request.url().startsWith(REDIRECT))
    .then((request) => new URL(request.url()));
}

test("a patient signs in, picks a patient and consents; the app gets that patient's tokens", async ({
  page,
  baseURL,
}) => {
  const config = await registerApp(baseURL!);
  const launch = await startLaunch(page, config);

  await expect(
    page.getByRole("heading", { name: /Sign in to continue to Rivera Family Health/ }),
  ).toBeVisible();
  await page.getByLabel("Username").fill(demoEndUsers.patient);
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  // Next.js's route announcer is an alert too (empty): the message is the one with text.
  await expect(
    page.getByRole("alert").filter({ hasText: "The username or password is not right." }),
  ).toBeVisible();
  await expect(page.getByLabel("Username")).toHaveValue(demoEndUsers.patient);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();

  await expect(page.getByRole("heading", { name: "Rivera Family Health wants to:" })).toBeVisible();
  await expect(page.getByText("Signed in as Alex Rivera.")).toBeVisible();
  const picker = page.getByRole("group", { name: "Whose records may the app open?" });
  await expect(picker.getByRole("radio")).toHaveCount(2);
  await expect(picker.getByRole("radio", { name: "Alex Rivera" })).toBeChecked();
  await picker.getByRole("radio", { name: "Sam Rivera" }).check();
  // The same plain words as the portal's consent preview (lib/scopes/consent.ts).
  await expect(page.getByText(/lab results, vital signs and other measurements/)).toBeVisible();
  await expect(page.getByText(/health problems and diagnoses/)).toBeVisible();
  const callback = callbackRequest(page);
  await page.getByRole("button", { name: "Allow" }).click();

  const tokens = await oidc.authorizationCodeGrant(config, await callback, {
    pkceCodeVerifier: launch.verifier,
    expectedState: launch.state,
    idTokenExpected: true,
  });
  expect(tokens.patient).toBe("sam-rivera");
  expect(tokens.claims()?.fhirUser).toMatch(/\/Patient\/alex-rivera$/);
  expect(tokens.scope?.split(" ")).toEqual(expect.arrayContaining(SCOPE.split(" ")));
});

test("a clinician who denies sends the app access_denied", async ({ page, baseURL }) => {
  const config = await registerApp(baseURL!);
  await startLaunch(page, config);
  await page.getByLabel("Username").fill(demoEndUsers.clinician);
  await page.getByLabel("Password").fill(DEMO_PASSWORD);
  await page.getByRole("button", { name: "Sign in" }).click();
  const picker = page.getByRole("group", { name: "Whose records may the app open?" });
  await expect(picker.getByRole("radio")).toHaveCount(3);
  await expect(page.getByText(/the selected patient's lab results/)).toBeVisible();
  const callback = callbackRequest(page);
  await page.getByRole("button", { name: "Deny" }).click();
  expect((await callback).searchParams.get("error")).toBe("access_denied");
});
