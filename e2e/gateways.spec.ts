import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import { storageState } from "./fixtures";

type GenericExport = { clients: { clientId: string; appName: string; scopes: string[] }[] };

async function downloadExport(
  page: Page,
  link: string,
): Promise<{ filename: string; body: unknown }> {
  const [download] = await Promise.all([
    page.waitForEvent("download"),
    page.getByRole("link", { name: link }).click(),
  ]);
  return {
    filename: download.suggestedFilename(),
    body: JSON.parse(await readFile((await download.path())!, "utf8")),
  };
}

test.describe("gateways, as an admin", () => {
  test.use({ storageState: storageState("admin") });

  test("an API key is shown once, works on the enforcement API, and stops working when revoked", async ({
    page,
    request,
  }) => {
    await page.goto("/admin/gateways");
    const { body } = await downloadExport(page, "Download generic JSON");
    const myHealth = (body as GenericExport).clients.find(
      (c) => c.appName === "BrightPath My Health",
    )!;
    expect(myHealth.scopes).toContain("patient/Observation.rs");

    const name = `E2E gateway ${Date.now().toString(36)}`;
    await page.getByLabel("Key name").fill(name);
    await page.getByRole("button", { name: "Create key" }).click();
    await expect(page.getByRole("status").filter({ hasText: "created" })).toContainText(
      `Key "${name}" created`,
    );
    const key = (await page.getByTestId("secret-value").textContent())!.trim();
    expect(key).toMatch(/^swk_[0-9a-f]{12}_/);

    const grants = () =>
      request.get(`/api/v1/clients/${myHealth.clientId}/grants`, {
        headers: { Authorization: `Bearer ${key}` },
      });
    const ok = await grants();
    expect(ok.status()).toBe(200);
    expect((await ok.json()).scopes).toEqual(myHealth.scopes);

    // Hostile input is refused before the database, through Next.js itself: never a 500.
    const auth = { Authorization: `Bearer ${key}` };
    for (const clientId of ["abc%00", "%ED%A0%80", "%FF"]) {
      const res = await request.get(`/api/v1/clients/${clientId}/grants`, { headers: auth });
      expect(res.status(), clientId).toBe(404);
      expect((await res.json()).error.code).toBe("NOT_FOUND");
    }
    const nul = await request.post("/api/v1/decisions", {
      headers: { ...auth, "Content-Type": "application/json" },
      data: '{"clientId":"a\\u0000b","request":{"method":"GET","path":"/Observation"}}',
    });
    expect(nul.status()).toBe(400);
    expect((await nul.json()).error.code).toBe("INVALID_INPUT");

    await page.reload();
    await expect(page.getByTestId("secret-value")).toHaveCount(0);
    const row = page.getByRole("row", { name: new RegExp(name) });
    await expect(row).toContainText("Active");
    await row.getByRole("button", { name: `Revoke ${name}` }).click();
    await row.getByRole("button", { name: "Yes, revoke" }).click();
    await expect(page.getByRole("row", { name: new RegExp(name) })).toContainText("Revoked");
    await expect.poll(async () => (await grants()).status(), { timeout: 3000 }).toBe(401);
  });

  test("exports the approved scopes and shows drift from an uploaded configuration", async ({
    page,
  }) => {
    await page.goto("/admin/gateways");
    const keycloak = await downloadExport(page, "Download Keycloak client scopes");
    expect(keycloak.filename).toMatch(/^scopewarden-keycloak-\d{4}-\d{2}-\d{2}\.json$/);
    const kc = keycloak.body as {
      clients: {
        clientId: string;
        name: string;
        defaultClientScopes: string[];
        optionalClientScopes: string[];
      }[];
    };
    const app = kc.clients.find((c) => c.name === "BrightPath My Health")!;
    expect(app.optionalClientScopes).toContain("patient/Observation.rs");

    // The authorization server lost one approved scope and allows a write nobody approved.
    const upstream = {
      ...kc,
      clients: [
        {
          ...app,
          optionalClientScopes: [
            ...app.optionalClientScopes.filter((s) => s !== "patient/Observation.rs"),
            "patient/Condition.cud",
          ],
        },
      ],
    };
    await page.getByLabel("Authorization server configuration (JSON)").setInputFiles({
      name: "realm.json",
      mimeType: "application/json",
      buffer: Buffer.from(JSON.stringify(upstream)),
    });
    await page.getByRole("button", { name: "Compare" }).click();
    const result = page.getByRole("region", { name: "Drift result" });
    const drifting = result.getByRole("row", { name: /BrightPath My Health/ });
    await expect(drifting.getByRole("cell").nth(1)).toContainText("patient/Condition.cud");
    await expect(drifting.getByRole("cell").nth(2)).toContainText("patient/Observation.rs");

    await page.getByLabel("Authorization server configuration (JSON)").setInputFiles({
      name: "broken.json",
      mimeType: "application/json",
      buffer: Buffer.from("{not json"),
    });
    await page.getByRole("button", { name: "Compare" }).click();
    await expect(
      page.getByRole("alert").filter({ hasText: "The file is not valid JSON." }),
    ).toBeVisible();
    await expect(page.getByLabel("Authorization server configuration (JSON)")).toHaveAttribute(
      "aria-invalid",
      "true",
    );
  });
});

test.describe("the API reference", () => {
  test("renders for a signed-out visitor, grouped by tag with schemas and curl examples", async ({
    page,
  }) => {
    await page.goto("/docs/api");
    await expect(page.getByRole("heading", { name: "API reference", level: 1 })).toBeVisible();
    for (const tag of ["Enforcement", "Export", "Scopes"])
      await expect(page.getByRole("heading", { name: tag, level: 2 })).toBeVisible();
    const decide = page.getByRole("article", { name: "post /api/v1/decisions" });
    await expect(decide).toContainText("Request body (application/json)");
    await expect(decide).toContainText("tokenScopes");
    await expect(decide).toContainText("curl -s -X POST");
    await expect(page.locator("#schema-DecisionRequest")).toContainText("clientId");
    const doc = await page.request.get("/api/v1/openapi.json");
    expect((await doc.json()).openapi).toBe("3.1.0");
  });
});

test.describe("the API reference, signed in", () => {
  test.use({ storageState: storageState("partner") });

  test("is reachable for partners from the navigation", async ({ page }) => {
    await page.goto("/apps");
    await page.getByRole("link", { name: "API docs" }).click();
    await expect(page.getByRole("heading", { name: "API reference", level: 1 })).toBeVisible();
  });
});
