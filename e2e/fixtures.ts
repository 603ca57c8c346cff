import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { expect, type Browser, type Page } from "@playwright/test";

export const DEMO_PASSWORD = "Scopewarden-Demo-2026";
export const demo = {
  admin: "admin@scopewarden.test",
  admin2: "admin2@scopewarden.test",
  reviewer: "reviewer@scopewarden.test",
  partner: "dev@brightpath.test",
  payerPartner: "dev@payerlink.test",
  thirdPartner: "dev@vitalsync.test",
} as const;

/** The embedded authorization server's demo end users (same password). */
export const demoEndUsers = {
  patient: "alex.rivera@patients.test",
  clinician: "morgan.chen@clinicians.test",
} as const;

export const storageState = (role: "admin" | "admin2" | "reviewer" | "partner") =>
  `e2e/.auth/${role}.json`;

export const uniqueEmail = (prefix = "partner") =>
  `${prefix}-${Date.now().toString(36)}-${Math.random().toString(36).slice(2, 7)}@example.test`;

export async function signIn(page: Page, email: string, password = DEMO_PASSWORD) {
  await page.goto("/sign-in");
  await page.getByLabel("E-mail").fill(email);
  await page.getByLabel("Password").fill(password);
  await page.getByRole("button", { name: "Sign in" }).click();
  await expect(page).not.toHaveURL(/\/sign-in/);
}

type SignUpData = { organizationName: string; name: string; email: string; password: string };

/** Fills in and sends the sign-up form, nothing more. */
export async function fillSignUp(page: Page, data: SignUpData) {
  await page.goto("/sign-up");
  await page.getByLabel("Organisation name").fill(data.organizationName);
  await page.getByLabel("Your name").fill(data.name);
  await page.getByLabel("Work e-mail").fill(data.email);
  await page.getByLabel("Password").fill(data.password);
  await page.getByRole("button", { name: "Create account" }).click();
}

export const SIGN_UP_ANSWER = /Check your e-mail: we sent a link/;

/** A new partner, the whole way: sign-up, the link from the mail, then sign-in (lands on /apps). */
export async function signUp(page: Page, data: SignUpData) {
  await fillSignUp(page, data);
  await expect(page.getByText(SIGN_UP_ANSWER)).toBeVisible();
  await page.goto(await linkInMail(data.email, "/verify-email/"));
  await page.getByRole("button", { name: "Confirm my address" }).click();
  await expect(page.getByText("Your address is confirmed")).toBeVisible();
  await signIn(page, data.email, data.password);
  await expect(page).toHaveURL(/\/apps$/);
}

const MAIL_LOG = path.resolve(".data", "e2e", "mail.jsonl");

/** The messages the test SMTP server received for an address (scripts/e2e-server.ts), decoded. */
export function mailTo(email: string): string[] {
  if (!existsSync(MAIL_LOG)) return [];
  return readFileSync(MAIL_LOG, "utf8")
    .split("\n")
    .filter(Boolean)
    .map((line) => JSON.parse(line) as { to: string; data: string })
    .filter((m) => m.to === email.toLowerCase())
    .map((m) =>
      m.data
        .replace(/=\r?\n/g, "")
        .replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))),
    );
}

/** The newest link to `route` mailed to the address (waits for the mail to arrive). */
export async function linkInMail(email: string, route: string): Promise<string> {
  let link: string | undefined;
  await expect
    .poll(
      () => {
        const found = mailTo(email)
          .map((m) => new RegExp(`https?://\\S+${route}\\S+`).exec(m)?.[0])
          .filter(Boolean);
        link = found.at(-1);
        return link ?? null;
      },
      { timeout: 15_000 },
    )
    .not.toBeNull();
  return link!;
}

/** A fresh partner with a backend app from the payer-to-payer template (six pending system scopes). */
export async function partnerWithPayerApp(browser: Browser, appName: string) {
  const context = await browser.newContext();
  const page = await context.newPage();
  await signUp(page, {
    organizationName: `${appName} Org`,
    name: "Pat Partner",
    email: uniqueEmail(),
    password: "Sturdy-Lantern-42",
  });
  await expect(page).toHaveURL(/\/apps$/);
  await page.goto("/apps/new");
  await page.getByLabel("App name").fill(appName);
  await page.getByRole("radio", { name: /Backend service/ }).check();
  await page.getByRole("textbox", { name: "JWKS URL" }).fill("https://payer.example.com/jwks.json");
  await page.getByRole("button", { name: "Use Payer-to-payer exchange" }).click();
  await page.getByLabel(/Why does the app need/).fill("CMS-0057-F payer-to-payer exchange.");
  await page.getByRole("button", { name: "Register app" }).click();
  await page.getByRole("link", { name: "Go to the app" }).click();
  await page.waitForURL(/\/apps\/[0-9a-f-]{36}$/);
  return { page, appUrl: page.url() };
}

/** A page signed in as one of the demo's staff. */
export async function asRole(browser: Browser, role: "admin" | "admin2" | "reviewer") {
  return (await browser.newContext({ storageState: storageState(role) })).newPage();
}

/**
 * An admin schedules a review of one partner's grants by the demo reviewer and opens a campaign
 * now. Resolves to the number of items the portal says it opened with.
 */
export async function openPartnerReview(admin: Page, scheduleName: string, orgName: string) {
  await admin.goto("/admin/reviews/schedules/new");
  await admin.getByRole("textbox", { name: "Name" }).fill(scheduleName);
  await admin.getByLabel("Grants reviewed").selectOption("organization");
  await admin.getByLabel("Partner", { exact: true }).selectOption({ label: orgName });
  await admin.getByLabel("Reviewer assignment").selectOption("named");
  await admin.getByLabel(/Riley Reviewer/).check();
  await admin.getByRole("button", { name: "Create schedule" }).click();
  await expect(admin.getByText(`Created ${scheduleName}`)).toBeVisible();
  await admin.goto("/admin/reviews");
  await admin.getByRole("button", { name: `Open a campaign now for ${scheduleName}` }).click();
  const opened = admin.getByText(/Campaign opened with \d+ item\(s\)/);
  await expect(opened).toBeVisible();
  return Number(/(\d+) item/.exec((await opened.textContent()) ?? "")?.[1]);
}

/** The demo reviewer opens that campaign from My reviews. */
export async function openReviewerCampaign(reviewer: Page, scheduleName: string) {
  await reviewer.goto("/reviews");
  await reviewer.getByRole("link", { name: new RegExp(`^${scheduleName}`) }).click();
  await expect(
    reviewer.getByRole("heading", { level: 1, name: new RegExp(`^${scheduleName}`) }),
  ).toBeVisible();
}
