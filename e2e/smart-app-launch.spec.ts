// A SMART app built on fhirclient (the SMART JS client) does a standalone patient launch in
// Chromium: the person signs in on the embedded authorization server, picks a patient, consents,
// and the app reads that patient's Observations through nginx, whose auth_request asks the
// portal's decision API about the app's own bearer token. Another patient's data is refused.
import { readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import path from "node:path";
import { expect, test, type Browser } from "@playwright/test";
import {
  closeServer,
  hasNginx,
  listen,
  nginxMissing,
  startNginxGateway,
  type NginxGateway,
} from "../lib/enforcement/nginx-gateway.test-util";
import { fhirGatewayPort } from "./fhir-gateway";
import { DEMO_PASSWORD, demoEndUsers, signUp, storageState, uniqueEmail } from "./fixtures";

test.skip(!hasNginx, nginxMissing);

const SCOPES = "launch/patient openid fhirUser patient/Observation.rs";
const APP_FILES: Record<string, [string, string]> = {
  "/app/launch.html": [path.resolve("e2e/smart-app/launch.html"), "text/html; charset=utf-8"],
  "/app/index.html": [path.resolve("e2e/smart-app/index.html"), "text/html; charset=utf-8"],
  "/app/fhir-client.js": [
    path.resolve("node_modules/fhirclient/build/fhir-client.js"),
    "text/javascript; charset=utf-8",
  ],
};

/** The app's pages and fhirclient's browser bundle, served on the gateway's origin under /app/. */
function appServer(): Server {
  return createServer((req, res) => {
    const file = APP_FILES[(req.url ?? "/").split("?")[0]!];
    if (!file) return void res.writeHead(404).end();
    res.writeHead(200, { "Content-Type": file[1] }).end(readFileSync(file[0]));
  });
}

/** A FHIR server stand-in: the SMART configuration (the portal's), and one Observation per patient. */
function fhirStub(baseURL: string, hits: string[]): Server {
  return createServer(async (req, res) => {
    const url = new URL(req.url ?? "/", "http://fhir");
    hits.push(`${req.method} ${url.pathname}${url.search}`);
    const json = (body: unknown) =>
      res.writeHead(200, { "Content-Type": "application/fhir+json" }).end(JSON.stringify(body));
    if (url.pathname === "/fhir/.well-known/smart-configuration")
      return json(await (await fetch(`${baseURL}/oauth/.well-known/smart-configuration`)).json());
    if (url.pathname === "/fhir/Observation") {
      const patient = url.searchParams.get("patient");
      return json({
        resourceType: "Bundle",
        type: "searchset",
        entry: [
          {
            resource: {
              resourceType: "Observation",
              id: `bp-${patient}`,
              status: "final",
              code: { text: `Blood pressure of ${patient}` },
              subject: { reference: `Patient/${patient}` },
            },
          },
        ],
      });
    }
    res.writeHead(404).end();
  });
}

/** A new partner registers the app in the portal; its scopes are low-risk and granted at once. */
async function registerPortalApp(browser: Browser, redirectUri: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUp(page, {
    organizationName: "Rivera Labs Inc",
    name: "Robin Partner",
    email: uniqueEmail(),
    password: "Sturdy-Lantern-42",
  });
  await expect(page).toHaveURL(/\/apps$/);
  await page.goto("/apps/new");
  await page.getByLabel("App name").fill("Rivera Labs");
  await page.getByLabel("Redirect URIs").fill(redirectUri);
  await page.getByLabel(/^Scopes/).fill(SCOPES);
  await page.getByRole("button", { name: "Register app" }).click();
  await expect(page.getByRole("heading", { name: "Rivera Labs is registered" })).toBeVisible();
  await expect(page.getByText(/granted at once, 0 waiting for approval/)).toBeVisible();
  const clientId = (await page.locator("code").filter({ hasText: /^swc_/ }).innerText()).trim();
  // The portal registers the app at the authorization server itself; its page says when.
  await page.getByRole("link", { name: "Go to the app" }).click();
  await page.waitForURL(/\/apps\/[0-9a-f-]{36}$/);
  await expect(async () => {
    await page.reload();
    await expect(page.getByText("In sync", { exact: true })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 10_000 });
  await context.close();
  return clientId;
}

/** An admin creates the gateway's API key on /admin/gateways. */
async function createGatewayKey(browser: Browser) {
  const context = await browser.newContext({ storageState: storageState("admin") });
  const page = await context.newPage();
  await page.goto("/admin/gateways");
  await page.getByLabel("Key name").fill(`nginx for Rivera Labs ${Date.now().toString(36)}`);
  await page.getByRole("button", { name: "Create key" }).click();
  const key = (await page.getByTestId("secret-value").textContent())!.trim();
  await context.close();
  return key;
}

test.describe.serial("a fhirclient app behind nginx", () => {
  let app: Server;
  let fhir: Server;
  let nginx: NginxGateway | undefined;
  const fhirHits: string[] = [];

  test.afterAll(async () => {
    await nginx?.close();
    await closeServer(app);
    await closeServer(fhir);
  });

  test("launches for the picked patient, reads that patient's Observations and is refused another's", async ({
    browser,
    page,
    baseURL,
  }) => {
    const appPort = Number(new URL(baseURL!).port);
    const gateway = `http://127.0.0.1:${fhirGatewayPort(appPort)}`;
    const redirectUri = `${gateway}/app/index.html`;

    const clientId = await registerPortalApp(browser, redirectUri);
    const apiKey = await createGatewayKey(browser);

    app = appServer();
    fhir = fhirStub(baseURL!, fhirHits);
    const [appServerPort, fhirPort] = [await listen(app), await listen(fhir)];
    nginx = await startNginxGateway({
      decisionPort: appPort,
      fhirPort,
      apiKey,
      port: fhirGatewayPort(appPort),
      extraLocations: `    location /app/ { proxy_pass http://127.0.0.1:${appServerPort}; }\n`,
    });

    await page.goto(`${gateway}/app/launch.html?client_id=${encodeURIComponent(clientId)}`);
    await expect(
      page.getByRole("heading", { name: /Sign in to continue to Rivera Labs/ }),
    ).toBeVisible();
    await page.getByLabel("Username").fill(demoEndUsers.patient);
    await page.getByLabel("Password").fill(DEMO_PASSWORD);
    await page.getByRole("button", { name: "Sign in" }).click();
    const picker = page.getByRole("group", { name: "Whose records may the app open?" });
    await picker.getByRole("radio", { name: "Sam Rivera" }).check();
    await page.getByRole("button", { name: "Allow" }).click();

    await page.waitForURL(`${redirectUri}**`);
    await expect(page.locator("#status")).toHaveText("Launched for Patient/sam-rivera");
    await expect(page.locator("#own")).toHaveText(
      "Observations of Patient/sam-rivera: Blood pressure of sam-rivera",
    );
    await expect(page.locator("#other")).toHaveText("Patient/alex-rivera: refused with 403");
    expect(fhirHits).toContain("GET /fhir/Observation?patient=sam-rivera");
    expect(fhirHits.filter((hit) => hit.includes("alex-rivera"))).toEqual([]);
  });
});
