import { expect, test, type Page } from "@playwright/test";
import { linkInMail, signUp, uniqueEmail } from "./fixtures";

async function newPartner(page: Page, organizationName = "Acme Health Apps") {
  await signUp(page, {
    organizationName,
    name: "Jo Partner",
    email: uniqueEmail(),
    password: "Sturdy-Lantern-42",
  });
  await expect(page).toHaveURL(/\/apps$/);
}

const scopeItem = (page: Page, scope: string) => page.locator(`li[data-scope="${scope}"]`);

test("a new partner registers a patient app from the health-record template, narrowed, and sees what policy decided", async ({
  page,
}) => {
  await newPartner(page);
  await page.getByRole("link", { name: "Register an app" }).click();
  await page.getByLabel("App name").fill("Vitals Diary");
  await page.getByLabel("Redirect URIs").fill("https://diary.example.com/callback");
  await page.getByRole("button", { name: "Use Patient health record app" }).click();

  await page
    .getByRole("listitem")
    .filter({ hasText: /^patient\/Observation\.rs/ })
    .getByRole("button", { name: "Narrow" })
    .click();
  const narrow = page.getByRole("group", { name: /^Narrow patient\/Observation\.rs/ });
  await narrow.getByLabel("Search parameter").fill("category");
  await narrow.getByLabel("Value").fill("vital-signs");
  await narrow.getByRole("button", { name: "Apply" }).click();
  await expect(
    page.getByText("Read and search this patient's observations, limited to category vital-signs"),
  ).toBeVisible();

  // A write scope the partner types in: live feedback says it needs approval.
  const box = page.getByLabel(/^Scopes/);
  await box.fill(`${await box.inputValue()}\npatient/Observation.c`);
  await expect(
    page
      .getByRole("listitem")
      .filter({ hasText: /^patient\/Observation\.c/ })
      .getByText("Needs approval"),
  ).toBeVisible();
  await page
    .getByLabel(/Why does the app need/)
    .fill("Patients record home blood pressure readings.");

  await page.getByRole("button", { name: "Preview consent screen" }).click();
  const consent = page.getByRole("dialog");
  await expect(consent.getByRole("heading", { name: /Vitals Diary.*wants to/ })).toBeVisible();
  await expect(consent.getByText("See your vital signs")).toBeVisible();
  await consent.getByRole("button", { name: "Close preview" }).click();

  await page.getByRole("button", { name: "Register app" }).click();
  await expect(page.getByRole("heading", { name: "Vitals Diary is registered" })).toBeVisible();
  await expect(page.getByText("11 scopes granted at once, 1 waiting for approval.")).toBeVisible();
  await page.getByRole("link", { name: "Go to the app" }).click();

  await expect(
    scopeItem(page, "patient/Observation.rs?category=vital-signs").getByText("Granted", {
      exact: true,
    }),
  ).toBeVisible();
  await expect(
    scopeItem(page, "patient/Patient.rs").getByText("Granted", { exact: true }),
  ).toBeVisible();
  await expect(
    scopeItem(page, "patient/Observation.c").getByText("Pending approval", { exact: true }),
  ).toBeVisible();
  await expect(scopeItem(page, "patient/Observation.c")).toContainText(
    "Waiting for an administrator",
  );
  await expect(scopeItem(page, "patient/Observation.rs")).toHaveCount(0);
});

test("a backend app from the payer-to-payer template waits for approval on every system scope", async ({
  page,
}) => {
  await newPartner(page, "Payer Co");
  await page.goto("/apps/new");
  await page.getByLabel("App name").fill("Payer Exchange");
  await page.getByRole("radio", { name: /Backend service/ }).check();
  await page.getByRole("textbox", { name: "JWKS URL" }).fill("http://payer.example.com/jwks.json");
  await page.getByRole("button", { name: "Use Payer-to-payer exchange" }).click();
  await page.getByRole("button", { name: "Register app" }).click();
  // Bad input first: nothing is saved, the message is by the field, the rest stays as typed.
  await expect(page.getByText("The JWKS URL must use https")).toBeVisible();
  await expect(page.getByLabel("App name")).toHaveValue("Payer Exchange");

  await page.getByRole("textbox", { name: "JWKS URL" }).fill("https://payer.example.com/jwks.json");
  await page.getByRole("button", { name: "Register app" }).click();
  await expect(page.getByText("0 scopes granted at once, 6 waiting for approval.")).toBeVisible();
  await page.getByRole("link", { name: "Go to the app" }).click();
  for (const scope of [
    "system/Patient.rs",
    "system/Coverage.rs",
    "system/ExplanationOfBenefit.rs",
    "system/Condition.rs",
    "system/MedicationRequest.rs",
    "system/Encounter.rs",
  ]) {
    await expect(
      scopeItem(page, scope).getByText("Pending approval", { exact: true }),
    ).toBeVisible();
  }
  await page.goto("/apps");
  await expect(page.getByRole("row", { name: /Payer Exchange/ })).toContainText("Backend service");
});

test("a confidential client's secret is shown once, and a rotation shows the new one once", async ({
  page,
}) => {
  await newPartner(page, "Secretive Ltd");
  await page.goto("/apps/new");
  await page.getByLabel("App name").fill("Clinic Portal");
  await page.getByRole("radio", { name: /Confidential/ }).check();
  await page.getByLabel("Redirect URIs").fill("https://clinic.example.com/cb");
  await page.getByLabel(/^Scopes/).fill("patient/Patient.rs openid fhirUser");
  await page.getByRole("button", { name: "Register app" }).click();
  const first = await page.getByTestId("secret-value").innerText();
  expect(first).toMatch(/^sws_/);
  await page.getByRole("link", { name: "Go to the app" }).click();
  await expect(page.getByText(first)).toHaveCount(0);

  await page.getByRole("button", { name: "Rotate client secret" }).click();
  await page.getByRole("button", { name: "Yes, rotate the secret" }).click();
  const second = await page.getByTestId("secret-value").innerText();
  expect(second).toMatch(/^sws_/);
  expect(second).not.toBe(first);
  await page.reload();
  await expect(page.getByText(second)).toHaveCount(0);
  await expect(page.getByRole("button", { name: "Rotate client secret" })).toBeVisible();
});

test("a scope change shows the difference first; removals apply at once and additions follow policy", async ({
  page,
}) => {
  await newPartner(page, "Changers Inc");
  await page.goto("/apps/new");
  await page.getByLabel("App name").fill("Tracker");
  await page.getByLabel("Redirect URIs").fill("https://tracker.example.com/cb");
  await page.getByLabel(/^Scopes/).fill("patient/Patient.rs patient/Observation.rs");
  await page.getByRole("button", { name: "Register app" }).click();
  await page.getByRole("link", { name: "Go to the app" }).click();

  await page.getByRole("link", { name: "Change scopes" }).click();
  await page.getByRole("button", { name: "Remove patient/Observation.rs" }).click();
  const box = page.getByLabel(/^Scopes/);
  await box.fill(`${await box.inputValue()}\npatient/Condition.rs\npatient/*.rs`);
  await expect(page.getByRole("region", { name: "Summary of the change" })).toContainText(
    "2 to add (each goes through the approval policy), 1 to remove (at once), 1 unchanged",
  );
  await expect(page.getByText("Removed (takes effect as soon as you submit):")).toBeVisible();
  await page.getByRole("button", { name: "Submit change" }).click();

  await expect(page.getByText("Your scope change was submitted.")).toBeVisible();
  await expect(
    scopeItem(page, "patient/Condition.rs").getByText("Granted", { exact: true }),
  ).toBeVisible();
  await expect(
    scopeItem(page, "patient/*.rs").getByText("Pending approval", { exact: true }),
  ).toBeVisible();
  await expect(
    scopeItem(page, "patient/Observation.rs").getByText("Withdrawn", { exact: true }),
  ).toBeVisible();
});

test("a partner cannot open another organisation's app", async ({ page, browser }) => {
  await newPartner(page, "Owner Org");
  await page.goto("/apps/new");
  await page.getByLabel("App name").fill("Private App");
  await page.getByLabel("Redirect URIs").fill("https://private.example.com/cb");
  await page.getByLabel(/^Scopes/).fill("patient/Patient.rs");
  await page.getByRole("button", { name: "Register app" }).click();
  await page.getByRole("link", { name: "Go to the app" }).click();
  await page.waitForURL(/\/apps\/[0-9a-f-]{36}$/);
  const appUrl = page.url();

  const other = await browser.newPage();
  await newPartner(other, "Snooper Org");
  const response = await other.goto(appUrl);
  expect(response?.status()).toBe(404);
  await expect(other.getByText("Private App")).toHaveCount(0);
  expect((await other.goto(`${appUrl}/scopes`))?.status()).toBe(404);
  await other.close();
});

test("a partner invites a teammate by link, who joins the organisation, and can remove them", async ({
  page,
  browser,
}) => {
  await newPartner(page, "Team Org");
  await page.getByRole("link", { name: "Organisation" }).click();
  const mate = uniqueEmail("mate");
  await page.getByLabel("Teammate's e-mail").fill(mate);
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to ${mate}.`)).toBeVisible();
  // The link goes only to the invitee's inbox.
  const link = await linkInMail(mate, "/invite/");

  const other = await browser.newPage();
  await other.goto(link);
  await expect(other.getByRole("heading", { name: "Join Team Org" })).toBeVisible();
  await other.getByLabel("Your name").fill("Mate Person");
  await other.getByLabel("Password").fill("Sturdy-Lantern-43");
  await other.getByRole("button", { name: "Accept and create account" }).click();
  await expect(other).toHaveURL(/\/apps$/);
  await other.close();

  await page.reload();
  await expect(page.getByRole("row", { name: /Mate Person/ })).toBeVisible();
  await page.getByRole("button", { name: `Remove ${mate}` }).click();
  await page.getByRole("button", { name: "Yes, remove" }).click();
  await expect(page.getByRole("row", { name: /Mate Person/ })).toHaveCount(0);
});
