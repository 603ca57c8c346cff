import { expect, test, type Page } from "@playwright/test";
import { demo, signIn, storageState } from "./fixtures";

/** Fails the test on any Content-Security-Policy violation the page reports. */
async function watchCsp(page: Page): Promise<string[]> {
  const violations: string[] = [];
  page.on("console", (message) => {
    if (/Content Security Policy|Content-Security-Policy/i.test(message.text()))
      violations.push(message.text());
  });
  await page.addInitScript(() => {
    document.addEventListener("securitypolicyviolation", (event) =>
      console.error(
        `Content Security Policy violation: ${event.violatedDirective} ${event.blockedURI}`,
      ),
    );
  });
  return violations;
}

function expectSecurityHeaders(headers: Record<string, string>, where: string) {
  expect(headers["content-security-policy"], where).toContain("frame-ancestors 'none'");
  expect(headers["x-content-type-options"], where).toBe("nosniff");
  expect(headers["referrer-policy"], where).toBe("strict-origin-when-cross-origin");
  expect(headers["permissions-policy"], where).toContain("camera=()");
  // The suite serves plain http: no HSTS (it is sent when APP_URL is https).
  expect(headers["strict-transport-security"], where).toBeUndefined();
}

test.describe("security headers", () => {
  test.use({ storageState: storageState("admin") });

  test("are on every kind of answer: pages, APIs, the fast path, the authorization server, errors", async ({
    page,
  }) => {
    for (const path of [
      "/admin/approvals",
      "/account",
      "/docs/api",
      "/api/health",
      "/api/v1/openapi.json",
      "/api/v1/decisions/nginx",
      "/oauth/.well-known/openid-configuration",
      "/oauth/interaction/not-a-real-one",
      "/no-such-page",
    ]) {
      const response = await page.request.get(path, { maxRedirects: 0 });
      expectSecurityHeaders(response.headers(), path);
    }
    const pageCsp = (await page.request.get("/admin/approvals")).headers()[
      "content-security-policy"
    ];
    expect(pageCsp).toMatch(/script-src 'self' 'nonce-[A-Za-z0-9+/=]+' 'strict-dynamic'/);
    const again = (await page.request.get("/admin/approvals")).headers()["content-security-policy"];
    expect(again).not.toBe(pageCsp); // a fresh nonce per request
  });

  test("pages work under the policy with no violation reported", async ({ page }) => {
    const violations = await watchCsp(page);
    for (const path of ["/admin/approvals", "/admin/audit", "/admin/policy", "/account"]) {
      await page.goto(path);
      await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
    }
    // Client code runs (hydration): the navigation works without a full page load.
    await page.getByRole("link", { name: "Partners" }).click();
    await expect(page).toHaveURL(/\/admin\/partners/);
    expect(violations).toEqual([]);
  });
});

test("the sign-in page works under the policy with no violation reported", async ({ page }) => {
  const violations = await watchCsp(page);
  await signIn(page, demo.reviewer);
  await expect(page).toHaveURL(/\/reviews/);
  expect(violations).toEqual([]);
});

test("signing out ends the session: the old cookie gets the sign-in page", async ({
  page,
  browser,
}) => {
  // An account no other spec keeps a session of.
  await signIn(page, demo.payerPartner);
  await page.goto("/organisation");
  await expect(page).toHaveURL(/\/organisation$/);
  await expect(page.getByRole("navigation", { name: "Main" })).toBeVisible();
  const cookies = await page.context().cookies();
  await page.getByRole("button", { name: "Sign out" }).click();
  await expect(page).toHaveURL(/\/sign-in\?signedOut=1/);

  const replay = await browser.newContext();
  await replay.addCookies(cookies);
  const stolen = await replay.newPage();
  await stolen.goto("/organisation");
  await expect(stolen).toHaveURL(/\/sign-in/);
  await expect(stolen.getByRole("heading", { name: "Sign in" })).toBeVisible();
  await replay.close();
});

test("the account page lists sessions and signs one out", async ({ page, browser }) => {
  const other = await browser.newContext();
  const otherPage = await other.newPage();
  await signIn(otherPage, demo.thirdPartner);
  await signIn(page, demo.thirdPartner);
  await page.goto("/account");
  const sessions = page
    .getByRole("region", { name: "Where you are signed in" })
    .getByRole("listitem");
  await expect(sessions.filter({ hasText: "This device" })).toHaveCount(1);
  const others = sessions.filter({ hasNotText: "This device" });
  const before = await others.count();
  expect(before).toBeGreaterThan(0);
  await others
    .first()
    .getByRole("button", { name: /^Sign out/ })
    .click();
  await expect(page.getByText("That device is signed out.")).toBeVisible();
  await expect(others).toHaveCount(before - 1);
  // One of the reviewer's other sessions has ended; signing out everywhere ends the other browser's.
  await page.getByRole("button", { name: "Sign out everywhere" }).click();
  await expect(page).toHaveURL(/\/sign-in/);
  await otherPage.goto("/apps");
  await expect(otherPage).toHaveURL(/\/sign-in/);
  await other.close();
});
