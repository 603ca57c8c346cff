import { exportJWK, generateKeyPair } from "jose";
import { expect, test } from "@playwright/test";
import { signUp, storageState, uniqueEmail } from "./fixtures";

test("a partner's pasted private key is refused; with the public half the app registers and its page shows the authorization server's status", async ({
  page,
}) => {
  await signUp(page, {
    organizationName: "Keyed Services",
    name: "Kim Keys",
    email: uniqueEmail(),
    password: "Sturdy-Lantern-42",
  });
  const { publicKey, privateKey } = await generateKeyPair("ES384", { extractable: true });
  const privateJwk = await exportJWK(privateKey);
  await expect(page).toHaveURL(/\/apps$/);
  await page.goto("/apps/new");
  await page.getByLabel("App name").fill("Claims Sync");
  await page.getByRole("radio", { name: /Backend service/ }).check();
  await page.getByLabel(/paste the public keys/).fill(JSON.stringify({ keys: [privateJwk] }));
  await page.getByLabel(/^Scopes/).fill("system/Patient.rs");
  await page.getByLabel(/Why does the app need/).fill("Claims exchange with other payers.");
  await page.getByRole("button", { name: "Register app" }).click();
  const refusal = page.getByText(/holds private key material/).first();
  await expect(refusal).toBeVisible();
  await expect(refusal).not.toContainText(privateJwk.d!);

  await page
    .getByLabel(/paste the public keys/)
    .fill(JSON.stringify({ keys: [{ ...(await exportJWK(publicKey)), kid: "k1" }] }));
  await page.getByRole("button", { name: "Register app" }).click();
  await page.getByRole("link", { name: "Go to the app" }).click();
  await page.waitForURL(/\/apps\/[0-9a-f-]{36}$/);
  await expect(page.getByRole("heading", { name: "Authorization server" })).toBeVisible();
  await expect(async () => {
    await page.reload();
    await expect(page.getByText("In sync", { exact: true })).toBeVisible({ timeout: 1000 });
  }).toPass({ timeout: 10_000 });
});

test.describe("as an admin", () => {
  test.use({ storageState: storageState("admin") });

  test("the demo backend app is in sync at the authorization server, and drift is listed under Gateways", async ({
    page,
  }) => {
    await page.goto("/admin/apps");
    await page.getByRole("link", { name: "PayerLink Demo Backend (demo key)" }).click();
    await expect(page.getByRole("heading", { name: "Authorization server" })).toBeVisible();
    await expect(page.getByText("In sync", { exact: true })).toBeVisible();
    await expect(page.getByText(/at grants version \d+/)).toBeVisible();
    await page.goto("/admin/gateways");
    await expect(
      page.getByRole("heading", { name: "Drift at the authorization server" }),
    ).toBeVisible();
    await expect(page.getByText(/No drift/)).toBeVisible();
  });
});
