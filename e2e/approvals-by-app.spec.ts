import { expect, test } from "@playwright/test";
import { partnerWithPayerApp, storageState } from "./fixtures";

test.describe.configure({ timeout: 120_000 });

test("an admin takes a whole app from the queue by app: assigns it, approves all six scopes at once, and the partner sees them granted", async ({
  browser,
}) => {
  const appName = `Whole Payer ${Date.now().toString(36)}`;
  const { page: partner } = await partnerWithPayerApp(browser, appName);
  const pending = partner.locator('li[data-scope="system/Coverage.rs"]');
  await expect(pending.getByText("Pending approval")).toBeVisible();
  await expect(pending.getByText(/Expected decision by \w{3} \d{1,2} \w{3} \d{4}/)).toBeVisible();

  const admin = await (await browser.newContext({ storageState: storageState("admin") })).newPage();
  // The notification of the new requests links to the app's request set.
  await admin.goto("/notifications");
  await admin.getByRole("link", { name: `6 new requests from ${appName}` }).click();
  await expect(admin).toHaveURL(/\/admin\/approvals\/apps\?q=/);
  const table = admin.getByRole("table", { name: "Pending requests by app" });
  const row = table.getByRole("row").filter({ hasText: appName });
  await expect(row).toHaveCount(1);
  await expect(
    row.getByRole("list", { name: `Scopes ${appName} waits for` }).getByRole("listitem"),
  ).toHaveCount(6);
  await expect(row.getByText("6 high")).toBeVisible();

  await row.getByRole("button", { name: "Assign to me" }).click();
  await expect(row.locator("span", { hasText: /^Avery Admin$/ })).toBeVisible();

  await row.getByRole("button", { name: `Approve all 6 of ${appName}'s requests` }).click();
  await expect(admin.getByText("6 approved.")).toBeVisible();
  await expect(table.getByRole("row").filter({ hasText: appName })).toHaveCount(0);

  await partner.reload();
  for (const scope of ["system/Patient.rs", "system/Coverage.rs", "system/Encounter.rs"]) {
    await expect(
      partner.locator(`li[data-scope="${scope}"]`).getByText("Granted", { exact: true }),
    ).toBeVisible();
  }
});
