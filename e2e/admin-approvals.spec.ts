import { expect, test, type Page } from "@playwright/test";
import { asRole, partnerWithPayerApp, signUp, uniqueEmail } from "./fixtures";

async function openRequest(admin: Page, appName: string, scope: string) {
  await admin.goto(`/admin/approvals?q=${encodeURIComponent(appName)}`);
  await admin
    .getByRole("row", { name: new RegExp(scope.replace(/[.*/]/g, "\\$&")) })
    .getByRole("link", { name: scope })
    .click();
  await expect(admin.getByRole("heading", { name: scope, level: 1 })).toBeVisible();
}

const scopeItem = (page: Page, scope: string) => page.locator(`li[data-scope="${scope}"]`);

test("an admin approves one system scope and denies another; the partner sees both, a revocation, and the notifications", async ({
  browser,
}) => {
  const appName = `Exchange ${Date.now().toString(36)}`;
  const partner = await partnerWithPayerApp(browser, appName);
  const admin = await asRole(browser, "admin");

  await openRequest(admin, appName, "system/Patient.rs");
  await admin.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(admin.getByText("Approved: the scope is granted.")).toBeVisible();

  await openRequest(admin, appName, "system/Coverage.rs");
  await admin.getByRole("radio", { name: /Deny/ }).check();
  await admin.getByRole("button", { name: "Deny", exact: true }).click();
  await expect(admin.getByText("Say why the request is denied")).toBeVisible(); // a reason is required
  await admin
    .getByLabel(/Reason \(the partner reads it\)/)
    .fill("Coverage is outside this exchange.");
  await admin.getByRole("button", { name: "Deny", exact: true }).click();
  await expect(admin.getByText("Denied. The partner has been told why.")).toBeVisible();

  await partner.page.goto(partner.appUrl);
  await expect(
    scopeItem(partner.page, "system/Patient.rs").getByText("Granted", { exact: true }),
  ).toBeVisible();
  await expect(scopeItem(partner.page, "system/Coverage.rs")).toContainText(
    "Coverage is outside this exchange.",
  );
  await expect(partner.page.getByRole("link", { name: /Notifications/ })).toContainText("2");

  // A revocation from the admin's app page shows on the partner's app page with its reason.
  await admin.goto("/admin/apps");
  await admin.getByRole("link", { name: appName, exact: true }).click();
  await admin.getByRole("button", { name: "Revoke system/Patient.rs" }).click();
  await admin
    .getByPlaceholder("Why is this grant revoked?")
    .fill("Security review found no use of patient search.");
  await admin.getByRole("button", { name: "Revoke now" }).click();
  await expect(admin.getByText("system/Patient.rs is revoked.")).toBeVisible();

  await partner.page.reload();
  await expect(
    scopeItem(partner.page, "system/Patient.rs").getByText("Revoked", { exact: true }),
  ).toBeVisible();
  await expect(scopeItem(partner.page, "system/Patient.rs")).toContainText(
    "Security review found no use of patient search.",
  );
  await partner.page.getByRole("link", { name: /Notifications/ }).click();
  const list = partner.page.getByRole("list", { name: "Notifications" });
  await expect(list).toContainText(`Approved: system/Patient.rs for ${appName}`);
  await expect(list).toContainText(`Denied: system/Coverage.rs for ${appName}`);
  await expect(list).toContainText(`Revoked: system/Patient.rs for ${appName}`);
});

test("a two-person scope needs a second, different admin", async ({ browser }) => {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUp(page, {
    organizationName: "Bulk Org",
    name: "Bo",
    email: uniqueEmail(),
    password: "Sturdy-Lantern-42",
  });
  await expect(page).toHaveURL(/\/apps$/);
  await page.goto("/apps/new");
  const appName = `Bulk ${Date.now().toString(36)}`;
  await page.getByLabel("App name").fill(appName);
  await page.getByRole("radio", { name: /Backend service/ }).check();
  await page.getByRole("textbox", { name: "JWKS URL" }).fill("https://bulk.example.com/jwks.json");
  await page.getByRole("button", { name: "Use Provider access / bulk export" }).click();
  await page.getByRole("button", { name: "Register app" }).click();
  await expect(page.getByText("waiting for approval")).toBeVisible();

  const first = await asRole(browser, "admin");
  await openRequest(first, appName, "system/*.rs");
  await first.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(first.getByText("a second, different administrator must approve too")).toBeVisible();
  await first.reload();
  await expect(first.getByText("You approved this request.")).toBeVisible();

  const second = await asRole(browser, "admin2");
  await openRequest(second, appName, "system/*.rs");
  await expect(second.getByText(/Approved so far by Avery Admin \(1 of 2\)/)).toBeVisible();
  await second.getByRole("button", { name: "Approve", exact: true }).click();
  await expect(second.getByText("Approved: the scope is granted.")).toBeVisible();
});

test("bulk approve from the queue", async ({ browser }) => {
  const appName = `Bulkish ${Date.now().toString(36)}`;
  await partnerWithPayerApp(browser, appName);
  const admin = await asRole(browser, "admin");
  await admin.goto(`/admin/approvals?q=${encodeURIComponent(appName)}&risk=high`);
  await expect(admin.getByRole("row")).toHaveCount(7); // header + 6 requests
  await admin.getByRole("checkbox", { name: "Select all rows on this page" }).check();
  await admin.getByRole("button", { name: "Approve selected" }).click();
  await expect(admin.getByText("6 approved.")).toBeVisible();
  await admin.reload();
  await expect(admin.getByText("No pending requests match these filters.")).toBeVisible();
});

test("suspending a partner shows them the reason, and a reviewer cannot reach admin pages", async ({
  browser,
}) => {
  const appName = `Suspendable ${Date.now().toString(36)}`;
  const partner = await partnerWithPayerApp(browser, appName);
  const admin = await asRole(browser, "admin");
  await admin.goto(`/admin/partners?q=${encodeURIComponent(`${appName} Org`)}`);
  await admin.getByRole("link", { name: `${appName} Org` }).click();
  await admin.getByRole("button", { name: "Suspend organisation" }).click();
  await admin.getByPlaceholder("Why is the partner suspended?").fill("Contract under review.");
  await admin.getByRole("button", { name: "Suspend now" }).click();
  await expect(admin.getByText("The organisation is suspended")).toBeVisible();

  await partner.page.goto("/apps");
  await expect(partner.page.getByText(/is suspended\..*Contract under review\./)).toBeVisible();

  const reviewer = await asRole(browser, "reviewer");
  for (const path of ["/admin/approvals", "/admin/apps", "/admin/partners"]) {
    expect((await reviewer.goto(path))?.status()).toBe(403);
  }
});
