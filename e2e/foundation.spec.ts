import { expect, test } from "@playwright/test";
import {
  fillSignUp,
  linkInMail,
  mailTo,
  SIGN_UP_ANSWER,
  signIn,
  signUp,
  storageState,
  uniqueEmail,
} from "./fixtures";

test.describe("a new partner", () => {
  test("signs up, lands on an empty My apps, and signs out", async ({ page }) => {
    const email = uniqueEmail();
    await signUp(page, {
      organizationName: "Acme Health Apps",
      name: "Jo Partner",
      email,
      password: "Sturdy-Lantern-42",
    });
    await expect(page).toHaveURL(/\/apps$/);
    await expect(page.getByRole("heading", { name: "My apps" })).toBeVisible();
    await expect(page.getByText("No apps yet")).toBeVisible();
    await expect(page.getByRole("navigation", { name: "Main" }).getByRole("link")).toHaveText([
      "My apps",
      "Organisation",
      "Webhooks",
      "API docs",
      "Notifications",
    ]);

    await page.getByRole("button", { name: "Sign out" }).click();
    await expect(page).toHaveURL(/\/sign-in\?signedOut=1/);
    await expect(page.getByText("You are signed out.")).toBeVisible();
    await page.goto("/apps");
    await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fapps/);
  });

  test("sees clear messages by the fields for bad input, and nothing is created", async ({
    page,
  }) => {
    const email = uniqueEmail();
    await fillSignUp(page, {
      organizationName: " ",
      name: "Jo",
      email: "not-an-email",
      password: "short",
    });
    await expect(page.getByText("Enter your organisation's name")).toBeVisible();
    await expect(page.getByText("Enter a valid e-mail address")).toBeVisible();
    await expect(page.getByText("Use at least 12 characters.")).toBeVisible();
    await expect(page.getByLabel("Your name")).toHaveValue("Jo");

    await fillSignUp(page, {
      organizationName: "Weak Co",
      name: "Jo",
      email,
      password: "alllowercaseletters",
    });
    await expect(page.getByText("Mix at least two of")).toBeVisible();
    await expect(page.getByLabel("Work e-mail")).toHaveValue(email);

    // Nothing was created: the address is still free, and signs up the whole way.
    await signUp(page, {
      organizationName: "Weak Co",
      name: "Jo",
      email,
      password: "Sturdy-Lantern-42",
    });
  });

  test("signing up with a taken address looks the same, and its owner is told", async ({
    page,
  }) => {
    const free = uniqueEmail();
    await fillSignUp(page, {
      organizationName: "Fresh Ltd",
      name: "Fay",
      email: free,
      password: "Sturdy-Lantern-42",
    });
    const freeAnswer = await page.getByRole("status").innerText();
    await fillSignUp(page, {
      organizationName: "Copycat Ltd",
      name: "Cat",
      email: "dev@brightpath.test",
      password: "Sturdy-Lantern-42",
    });
    await expect(page.getByText(SIGN_UP_ANSWER)).toBeVisible();
    expect(await page.getByRole("status").innerText()).toBe(freeAnswer);
    await expect
      .poll(() => mailTo("dev@brightpath.test").some((m) => /Someone tried to sign up/.test(m)))
      .toBe(true);
    // The owner's password still works; the copycat's does not.
    await page.goto("/sign-in");
    await page.getByLabel("E-mail").fill("dev@brightpath.test");
    await page.getByLabel("Password").fill("Sturdy-Lantern-42");
    await page.getByRole("button", { name: "Sign in" }).click();
    await expect(page.locator("form").getByRole("alert")).toHaveText(
      "The e-mail or password is not right.",
    );
  });
});

test("a forgotten password is reset by a mailed link, which works once", async ({ page }) => {
  const email = uniqueEmail("reset");
  await signUp(page, {
    organizationName: "Reset Co",
    name: "Ren",
    email,
    password: "Sturdy-Lantern-42",
  });
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in\?signedOut=1/);
  await page.getByRole("link", { name: "Forgot your password?" }).click();
  await expect(page).toHaveURL(/\/forgot-password$/);
  await page.waitForLoadState("networkidle");
  // Filled after the form is live: a value typed before hydration is lost with the re-render.
  const field = page.getByLabel("E-mail");
  await field.fill(email);
  await expect(field).toHaveValue(email);
  await page.getByRole("button", { name: "Send the link" }).click();
  await expect(page.getByText(/If an account uses that address/)).toBeVisible();
  const link = await linkInMail(email, "/reset-password/");
  await page.goto(link);
  await page.getByLabel("New password").fill("Brand-New-Lantern-77");
  await page.getByRole("button", { name: "Save the new password" }).click();
  await expect(page.getByText("Your password is changed")).toBeVisible();
  await signIn(page, email, "Brand-New-Lantern-77");
  await page.goto(link);
  await expect(page.getByRole("heading", { name: "This link no longer works" })).toBeVisible();
});

test("a wrong password gets one generic message", async ({ page }) => {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill("reviewer@scopewarden.test");
  await page.getByLabel("Password").fill("not-the-password");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page.locator("form").getByRole("alert")).toHaveText(
    "The e-mail or password is not right.",
  );
});

test.describe("the demo admin", () => {
  test.use({ storageState: storageState("admin") });

  test("sees the admin navigation", async ({ page }) => {
    await page.goto("/");
    await expect(page).toHaveURL(/\/admin\/approvals$/);
    const nav = page.getByRole("navigation", { name: "Main" });
    for (const label of ["Approvals", "Apps", "Partners", "Policy", "Audit", "Reviews"]) {
      await expect(nav.getByRole("link", { name: label, exact: true })).toBeVisible();
    }
    await expect(nav.getByRole("link", { name: "My apps" })).toHaveCount(0);
  });
});

test.describe("a partner", () => {
  test.use({ storageState: storageState("partner") });

  test("is refused an admin page", async ({ page }) => {
    const response = await page.goto("/admin/approvals");
    expect(response?.status()).toBe(403);
    await expect(
      page.getByRole("heading", { name: "You do not have access to this page" }),
    ).toBeVisible();
    await expect(page.getByText("Nothing is waiting for approval")).toHaveCount(0);
  });
});

test("signing in returns the visitor to the page they asked for", async ({ page }) => {
  await page.goto("/admin/partners");
  await expect(page).toHaveURL(/\/sign-in\?callbackUrl=%2Fadmin%2Fpartners/);
  await page.getByLabel("E-mail").fill("admin@scopewarden.test");
  await page.getByLabel("Password").fill("Scopewarden-Demo-2026");
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).toHaveURL(/\/admin\/partners$/);
  await expect(page.getByRole("heading", { name: "Partners" })).toBeVisible();
});

test("a reviewer signs in to My reviews", async ({ page }) => {
  await signIn(page, "reviewer@scopewarden.test");
  await expect(page).toHaveURL(/\/reviews$/);
  await expect(page.getByRole("heading", { name: "My reviews" })).toBeVisible();
});
