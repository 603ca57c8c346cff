import { expect, test } from "@playwright/test";
import { asRole, openPartnerReview, openReviewerCampaign } from "./fixtures";

// The demo's grants predate last quarter's review and no gateway has used them, so every grant of
// the demo partner VitalSync Wellness counts as unused. The campaign here covers that partner only,
// so revoking its unused grants leaves the other specs' partners and the quarterly campaign alone.
const ORG = "VitalSync Wellness";
const APP = "VitalSync Tracker";

test("a reviewer filters a campaign to unused grants and bulk-revokes them; the admin sees the grants revoked", async ({
  browser,
}) => {
  const scheduleName = `Dormant access ${Date.now().toString(36)}`;
  const admin = await asRole(browser, "admin");
  expect(await openPartnerReview(admin, scheduleName, ORG)).toBeGreaterThan(0);

  const reviewer = await asRole(browser, "reviewer");
  await openReviewerCampaign(reviewer, scheduleName);
  const items = reviewer.getByRole("list", { name: "Review items" }).getByRole("article");
  const trackerItem = reviewer.getByRole("article", {
    name: `patient/Observation.rs?category=vital-signs for ${APP}`,
  });
  await expect(trackerItem).toBeVisible();

  await reviewer.getByLabel("Usage").selectOption({ label: "Unused grants only" });
  await expect(reviewer).toHaveURL(/usage=unused/);
  const bulk = reviewer.getByRole("button", { name: /^Revoke all unused \(\d+\)$/ });
  await expect(bulk).toBeVisible();
  const unused = Number((await bulk.textContent())!.match(/\((\d+)\)/)![1]);
  expect(unused).toBeGreaterThan(0);
  // Only unused grants are listed, each carrying the signal, and all of them are offered.
  await expect(items).toHaveCount(unused);
  for (const card of await items.all())
    await expect(card.getByRole("list", { name: "Signals" })).toContainText(/Unused for 90\+ days/);
  await expect(trackerItem).toContainText(ORG);

  await bulk.click();
  const confirm = reviewer.getByRole("button", { name: "Revoke unused now" });
  await expect(confirm).toBeDisabled(); // a reason is required
  await reviewer
    .getByPlaceholder("Why are the unused grants revoked? The partners read it.")
    .fill("Not used by any gateway for over 90 days.");
  await confirm.click();
  await expect(
    reviewer.getByText(`Revoked ${unused} unused grant(s); the partners have been told why.`),
  ).toBeVisible();
  await expect(reviewer.getByRole("button", { name: /^Revoke all unused/ })).toHaveCount(0);

  // The answered items show as revoked, with the reason the partner reads.
  await reviewer.getByLabel("Show").selectOption("all");
  await expect(items).toHaveCount(unused);
  for (const card of await items.all())
    await expect(card.getByText("Revoked", { exact: true })).toBeVisible();
  await expect(trackerItem).toContainText("Not used by any gateway for over 90 days.");

  // The grant itself has ended: the admin's app page lists it as revoked.
  await admin.goto("/admin/apps");
  await admin.getByRole("link", { name: APP }).first().click();
  await admin.waitForURL(/\/admin\/apps\/[0-9a-f-]{36}$/);
  await expect(
    admin
      .locator('li[data-scope="patient/Observation.rs?category=vital-signs"]')
      .getByText("Revoked", { exact: true }),
  ).toBeVisible();
});
