import { expect, test } from "@playwright/test";
import { storageState } from "./fixtures";

test.describe("the audit chain", () => {
  test.use({ storageState: storageState("admin") });

  test("an admin verifies the keyed chain from the audit page", async ({ page }) => {
    await page.goto("/admin/audit");
    const status = page.getByRole("region", { name: "Chain status" });
    await expect(status).toContainText(/The chain holds [\d,]+ events?/);
    await expect(status).toContainText(/signed checkpoint/i);
    await status.getByRole("button", { name: "Verify chain" }).click();
    await expect(status.getByRole("status")).toContainText(/Chain verified: all [\d,]+ events/);
    await expect(status.getByRole("button", { name: "Verify again" })).toBeEnabled();
  });

  test("only admins are offered the audit.checkpoint webhook", async ({ page, browser }) => {
    await page.goto("/admin/webhooks");
    await expect(page.getByRole("checkbox", { name: /audit\.checkpoint/ })).toBeVisible();
    const partner = await browser.newPage({ storageState: storageState("partner") });
    await partner.goto("/organisation/webhooks");
    await expect(partner.getByRole("checkbox", { name: /grant\.revoked/ })).toBeVisible();
    await expect(partner.getByRole("checkbox", { name: /audit\.checkpoint/ })).toHaveCount(0);
    await partner.close();
  });
});
