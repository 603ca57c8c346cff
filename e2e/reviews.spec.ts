import { expect, test, type Browser, type Page } from "@playwright/test";
import { asRole, openPartnerReview, openReviewerCampaign, signUp, uniqueEmail } from "./fixtures";

const SCOPES = [
  "patient/Patient.rs",
  "patient/Observation.rs",
  "patient/Condition.rs",
  "patient/Immunization.rs",
  "launch/patient",
  "openid",
  "fhirUser",
];

/** A new partner whose patient app holds only low-risk scopes, all granted at once. */
async function partnerWithApp(browser: Browser, orgName: string, appName: string) {
  const page = await (await browser.newContext()).newPage();
  await signUp(page, {
    organizationName: orgName,
    name: "Rae Partner",
    email: uniqueEmail(),
    password: "Sturdy-Lantern-42",
  });
  await expect(page).toHaveURL(/\/apps$/);
  await page.goto("/apps/new");
  await page.getByLabel("App name").fill(appName);
  await page.getByLabel("Redirect URIs").fill("https://review.example.com/callback");
  await page.getByLabel(/^Scopes/).fill(SCOPES.join("\n"));
  await page.getByRole("button", { name: "Register app" }).click();
  await expect(page.getByText(`${SCOPES.length} scopes granted at once`)).toBeVisible();
  await page.getByRole("link", { name: "Go to the app" }).click();
  await page.waitForURL(/\/apps\/[0-9a-f-]{36}$/);
  return { page, appUrl: page.url() };
}

const item = (page: Page, scope: string, appName: string) =>
  page.getByRole("article", { name: `${scope} for ${appName}` });

test("a reviewer certifies one grant, revokes another with a reason, bulk-certifies the rest; the partner loses the revoked grant and the report counts match", async ({
  browser,
}) => {
  const tag = Date.now().toString(36);
  const orgName = `Review Partner ${tag}`;
  const appName = `Review App ${tag}`;
  const scheduleName = `Partner review ${tag}`;
  const partner = await partnerWithApp(browser, orgName, appName);

  // An admin schedules a review of this one partner for the demo reviewer and opens it now.
  const admin = await asRole(browser, "admin");
  expect(await openPartnerReview(admin, scheduleName, orgName)).toBe(SCOPES.length);

  // The reviewer works the campaign.
  const reviewer = await asRole(browser, "reviewer");
  await openReviewerCampaign(reviewer, scheduleName);
  const first = item(reviewer, "patient/Patient.rs", appName);
  await expect(first).toContainText(orgName);
  await expect(first).toContainText("this patient's own Patient record");
  await expect(first.getByText("Never reviewed before")).toBeVisible();
  await first.getByRole("button", { name: /^Certify/ }).click();
  await expect(reviewer.getByText("Certified: the grant stays as it is.")).toBeVisible();
  await expect(first).toHaveCount(0); // answered items leave the "waiting for me" list

  // Revoke from the keyboard: focus the item, press r, a reason is required.
  const target = item(reviewer, "patient/Immunization.rs", appName);
  await target.click();
  await reviewer.keyboard.press("r");
  const dialog = reviewer.getByRole("dialog", { name: "Revoke this grant" });
  await dialog.getByRole("button", { name: "Revoke grant" }).click();
  await expect(dialog.getByText("Say why the grant is revoked")).toBeVisible();
  await dialog.getByLabel(/Reason for revoking/).fill("The app has never read immunizations.");
  await dialog.getByRole("button", { name: "Revoke grant" }).click();
  await expect(reviewer.getByText("Revoked: the grant ended now")).toBeVisible();
  await expect(target).toHaveCount(0);

  await reviewer
    .getByRole("button", { name: `Certify all low-risk (${SCOPES.length - 2})` })
    .click();
  await expect(
    reviewer.getByText(`Certified ${SCOPES.length - 2} low-risk item(s).`),
  ).toBeVisible();
  await expect(
    reviewer.getByRole("progressbar", { name: "Your progress in this campaign" }),
  ).toHaveAttribute("aria-valuenow", String(SCOPES.length));

  // The partner no longer holds the revoked scope, and reads why.
  await partner.page.goto(partner.appUrl);
  await expect(
    partner.page
      .getByRole("list", { name: "Scopes", exact: true })
      .locator('li[data-scope="patient/Immunization.rs"]'),
  ).toHaveCount(0);
  const ended = partner.page
    .getByRole("list", { name: "Past requests" })
    .locator('li[data-scope="patient/Immunization.rs"]');
  await expect(ended.getByText("Revoked", { exact: true })).toBeVisible();
  await expect(ended).toContainText("The app has never read immunizations.");

  // The admin closes the campaign; the report counts what happened.
  await admin.goto("/admin/reviews");
  await admin.getByRole("button", { name: new RegExp(`^Close ${scheduleName}.* now$`) }).click();
  await admin.getByRole("button", { name: "Close campaign" }).click();
  await expect(admin.getByText("Campaign closed")).toBeVisible();
  await admin.getByRole("link", { name: new RegExp(`^Report for ${scheduleName}`) }).click();
  const counts = admin.getByRole("table", { name: "Counts by decision" });
  await expect(counts.getByRole("row", { name: /Certified/ })).toContainText(
    String(SCOPES.length - 1),
  );
  await expect(counts.getByRole("row", { name: /^Revoked \d/ })).toContainText("1");
  await expect(admin.getByRole("table", { name: "Revoked and narrowed grants" })).toContainText(
    "patient/Immunization.rs",
  );
  await expect(admin.getByRole("table", { name: "Decisions by reviewer" })).toContainText(
    "Riley Reviewer",
  );
  const csv = await admin.request.post(admin.url().replace(/\/report$/, "/report/csv"));
  expect(csv.status()).toBe(200);
  const lines = (await csv.text()).trim().split("\r\n");
  expect(lines).toHaveLength(SCOPES.length + 1);
  expect(lines.filter((l) => l.includes(",Certified,"))).toHaveLength(SCOPES.length - 1);
});
