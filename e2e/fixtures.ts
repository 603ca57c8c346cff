import { expect, type Page } from "@playwright/test";

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

export async function signUp(
  page: Page,
  data: { organizationName: string; name: string; email: string; password: string },
) {
  await page.goto("/sign-up");
  await page.getByLabel("Organisation name").fill(data.organizationName);
  await page.getByLabel("Your name").fill(data.name);
  await page.getByLabel("Work e-mail").fill(data.email);
  await page.getByLabel("Password").fill(data.password);
  await page.getByRole("button", { name: "Create account" }).click();
}
