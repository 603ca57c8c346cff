import { generateKeyPairSync } from "node:crypto";
import { expect, test } from "@playwright/test";
import { signUp, uniqueEmail } from "./fixtures";

test("a partner's pasted 1024-bit RSA key raises the key-problem banner when the keys are checked", async ({
  page,
}) => {
  await signUp(page, {
    organizationName: `Weak Keys ${Date.now().toString(36)}`,
    name: "Wes Keys",
    email: uniqueEmail(),
    password: "Sturdy-Lantern-42",
  });
  const { publicKey } = generateKeyPairSync("rsa", { modulusLength: 1024 });
  const jwk = { ...publicKey.export({ format: "jwk" }), kid: "weak-1", alg: "RS384", use: "sig" };
  await expect(page).toHaveURL(/\/apps$/);
  await page.goto("/apps/new");
  await page.getByLabel("App name").fill("Weak Key Service");
  await page.getByRole("radio", { name: /Backend service/ }).check();
  await page.getByLabel(/paste the public keys/).fill(JSON.stringify({ keys: [jwk] }));
  await page.getByLabel(/^Scopes/).fill("system/Patient.rs");
  await page.getByLabel(/Why does the app need/).fill("Nightly member roster sync.");
  await page.getByRole("button", { name: "Register app" }).click();
  await page.getByRole("link", { name: "Go to the app" }).click();
  await page.waitForURL(/\/apps\/[0-9a-f-]{36}$/);

  const banner = page.getByRole("alert").filter({ hasText: "Key problem in the pasted keys" });
  await expect(page.getByText("Not checked yet.")).toBeVisible();
  await expect(banner).toHaveCount(0);

  await page.getByRole("button", { name: "Check keys now" }).click();
  await expect(page.getByText(/^Keys checked: \d+ problem\(s\) found\.$/)).toBeVisible();
  await expect(banner).toBeVisible();
  await expect(banner).toContainText("Key weak-1 is RSA 1024 bits; at least 2048 are needed.");
  await expect(page.getByRole("list", { name: "Published keys" })).toContainText(
    "weak-1 · RSA 1024",
  );

  // Checking again changes nothing the partner sees: the same problem, shown once.
  await page.getByRole("button", { name: "Check keys now" }).click();
  await expect(page.getByText(/^Keys checked: \d+ problem\(s\) found\.$/)).toBeVisible();
  await expect(banner.getByText(/^Key weak-1 is RSA 1024 bits/)).toHaveCount(1);
});
