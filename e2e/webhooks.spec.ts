import http from "node:http";
import { expect, test, type Page } from "@playwright/test";
import { verifyWebhookSignature } from "../lib/webhooks/signature";
import { signUp, storageState, uniqueEmail } from "./fixtures";

type Hit = { path: string; headers: http.IncomingHttpHeaders; body: string; at: number };

/** A webhook receiver on this machine: answers 200 and keeps what it got. */
async function startReceiver() {
  const hits: Hit[] = [];
  const server = http.createServer((req, res) => {
    let body = "";
    req.on("data", (chunk) => (body += chunk));
    req.on("end", () => {
      hits.push({ path: req.url ?? "/", headers: req.headers, body, at: Date.now() });
      res.writeHead(200).end("ok");
    });
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  return {
    hits,
    url: (path: string) => `http://127.0.0.1:${port}${path}`,
    close: () =>
      new Promise<void>((r) => {
        server.closeAllConnections();
        server.close(() => r());
      }),
  };
}

let receiver: Awaited<ReturnType<typeof startReceiver>>;
test.beforeAll(async () => {
  receiver = await startReceiver();
});
test.afterAll(() => receiver.close());

async function addEndpoint(page: Page, listPath: string, url: string) {
  await page.goto(listPath);
  await page.getByLabel("Endpoint URL").fill(url);
  await page.getByLabel("Description").fill("E2E receiver");
  await page.getByRole("button", { name: "Add endpoint" }).click();
  const secret = (await page.getByTestId("secret-value").textContent())!.trim();
  expect(secret).toMatch(/^whsec_/);
  await page.getByRole("link", { name: "Open the endpoint" }).click();
  await page.waitForURL(/\/webhooks\/[0-9a-f-]{36}$/);
  return { secret, endpointUrl: page.url() };
}

/** The delivery log fills in after the response: reload until the row shows. */
async function expectDelivered(page: Page, eventType: string) {
  await expect(async () => {
    await page.reload();
    const row = page.getByRole("row").filter({ hasText: eventType });
    await expect(row.first()).toContainText("succeeded", { timeout: 1000 });
    await expect(row.first()).toContainText("200", { timeout: 1000 });
  }).toPass({ timeout: 30_000 });
}

test.describe("webhooks", () => {
  test.use({ storageState: storageState("admin") });

  test("an admin adds an endpoint, sees its secret once, and a signed test event arrives with a 200", async ({
    page,
  }) => {
    const path = `/admin-${Date.now().toString(36)}`;
    const { secret, endpointUrl } = await addEndpoint(page, "/admin/webhooks", receiver.url(path));
    await expect(page.getByText(secret)).toHaveCount(0); // shown once, at creation only

    const clicked = Date.now();
    await page.getByRole("button", { name: "Send test event" }).click();
    await expect(page.getByText("Test event queued.")).toBeVisible();
    await expectDelivered(page, "webhook.test");

    const hit = receiver.hits.find(
      (h) => h.path === path && h.headers["scopewarden-event"] === "webhook.test",
    )!;
    expect(hit).toBeDefined();
    // Sent by the kick after the response, not by the next minutely run.
    expect(hit.at - clicked).toBeLessThan(15_000);
    console.info(`test event reached the receiver ${hit.at - clicked} ms after the click`);
    expect(
      verifyWebhookSignature({
        header: hit.headers["scopewarden-signature"] as string,
        rawBody: hit.body,
        secrets: secret,
      }),
    ).toMatchObject({ ok: true });
    expect(JSON.parse(hit.body)).toMatchObject({
      type: "webhook.test",
      data: { endpointId: endpointUrl.split("/").pop() },
    });

    await page.goto("/admin/webhooks");
    await expect(page.getByRole("row").filter({ hasText: receiver.url(path) })).toContainText(
      "healthy",
    );
    await expect(page.getByText(secret)).toHaveCount(0);

    // Deleting stops its deliveries (other tests keep producing events).
    await page.goto(endpointUrl);
    await page.getByRole("button", { name: "Delete endpoint" }).click();
    await page.getByRole("button", { name: "Yes, delete" }).click();
    await expect(page.getByText("The endpoint was deleted.")).toBeVisible();
    await expect(page.getByRole("row").filter({ hasText: receiver.url(path) })).toHaveCount(0);
  });

  test("a partner's endpoint hears of an admin revoking one of its grants", async ({
    page,
    browser,
  }) => {
    const partner = await (
      await browser.newContext({ storageState: { cookies: [], origins: [] } })
    ).newPage();
    await signUp(partner, {
      organizationName: "Hooked Org",
      name: "Hook Partner",
      email: uniqueEmail(),
      password: "Sturdy-Lantern-42",
    });
    await expect(partner).toHaveURL(/\/apps$/);
    const appName = `Hooked App ${Date.now().toString(36)}`;
    await partner.goto("/apps/new");
    await partner.getByLabel("App name").fill(appName);
    await partner.getByLabel("Redirect URIs").fill("https://hooked.example.com/cb");
    await partner.getByLabel(/^Scopes/).fill("patient/Patient.rs");
    await partner.getByRole("button", { name: "Register app" }).click();
    await expect(partner.getByRole("link", { name: "Go to the app" })).toBeVisible();

    const path = `/partner-${Date.now().toString(36)}`;
    const { secret } = await addEndpoint(partner, "/organisation/webhooks", receiver.url(path));

    await page.goto("/admin/apps");
    await page.getByRole("link", { name: appName, exact: true }).click();
    await page.getByRole("button", { name: "Revoke patient/Patient.rs" }).click();
    await page.getByPlaceholder("Why is this grant revoked?").fill("Not used in the last quarter.");
    await page.getByRole("button", { name: "Revoke now" }).click();
    await expect(page.getByText("patient/Patient.rs is revoked.")).toBeVisible();

    await expectDelivered(partner, "grant.revoked");
    const hit = receiver.hits.find(
      (h) => h.path === path && h.headers["scopewarden-event"] === "grant.revoked",
    )!;
    expect(
      verifyWebhookSignature({
        header: hit.headers["scopewarden-signature"] as string,
        rawBody: hit.body,
        secrets: secret,
      }).ok,
    ).toBe(true);
    expect(JSON.parse(hit.body)).toMatchObject({
      type: "grant.revoked",
      data: { appName, scope: "patient/Patient.rs", reason: "Not used in the last quarter." },
    });
  });
});

test("a partner cannot open another organisation's endpoint", async ({ browser }) => {
  const owner = await (await browser.newContext()).newPage();
  await signUp(owner, {
    organizationName: "Private Hooks Org",
    name: "Owner Partner",
    email: uniqueEmail(),
    password: "Sturdy-Lantern-42",
  });
  await expect(owner).toHaveURL(/\/apps$/);
  const { endpointUrl } = await addEndpoint(
    owner,
    "/organisation/webhooks",
    "https://private-hooks.example.com/in",
  );

  const other = await (
    await browser.newContext({ storageState: storageState("partner") })
  ).newPage();
  expect((await other.goto(endpointUrl))?.status()).toBe(404);
  await expect(other.getByText("private-hooks.example.com")).toHaveCount(0);
  await other.goto("/organisation/webhooks");
  await expect(other.getByText("private-hooks.example.com")).toHaveCount(0);
  expect(
    (await other.goto(endpointUrl.replace("/organisation/webhooks", "/admin/webhooks")))?.status(),
  ).toBe(403);
});
