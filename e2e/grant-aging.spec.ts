import { expect, test, type Page } from "@playwright/test";
import { signUp, uniqueEmail } from "./fixtures";

const scopeItem = (page: Page, scope: string) => page.locator(`li[data-scope="${scope}"]`);

/** The UTC day `days` from now, as a date input takes it. */
const dayFromNow = (days: number) =>
  new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);

test("a partner asks for a short expiry, sees it expires in 7 days, and renews it in one click", async ({
  page,
}) => {
  await signUp(page, {
    organizationName: `Aging Apps ${Date.now().toString(36)}`,
    name: "Ari Partner",
    email: uniqueEmail(),
    password: "Sturdy-Lantern-42",
  });
  await expect(page).toHaveURL(/\/apps$/);
  await page.goto("/apps/new");
  await page.getByLabel("App name").fill("Short Lived");
  await page.getByLabel("Redirect URIs").fill("https://short.example.com/cb");
  await page.getByLabel(/^Scopes/).fill("patient/Patient.rs");
  await page.getByRole("button", { name: "Register app" }).click();
  await page.getByRole("link", { name: "Go to the app" }).click();

  // A scope added with an end the partner chose: the end of the UTC day six days on.
  await page.getByRole("link", { name: "Change scopes" }).click();
  await page.waitForURL(/\/scopes$/);
  const box = page.getByLabel(/^Scopes/);
  await box.fill(`${await box.inputValue()}\npatient/Condition.rs`);
  await page.getByLabel("End the added scopes by (optional)").fill(dayFromNow(6));
  await page.getByRole("button", { name: "Submit change" }).click();
  await expect(page.getByText("Your scope change was submitted.")).toBeVisible();

  const condition = scopeItem(page, "patient/Condition.rs");
  await expect(condition.getByText(/^Expires in 7 days/)).toBeVisible();
  await expect(condition.getByText("Never used")).toBeVisible();
  await expect(scopeItem(page, "patient/Patient.rs").getByText("No expiry")).toBeVisible();

  // Policy grants patient reads at once and sets them no lifetime: the renewal ends the expiry.
  await condition.getByRole("button", { name: "Renew patient/Condition.rs" }).click();
  await expect(page.getByText("Renewed: it no longer expires.")).toBeVisible();
  await expect(condition.getByText("No expiry")).toBeVisible();
  await expect(condition.getByRole("button", { name: /^Renew/ })).toHaveCount(0);
});
