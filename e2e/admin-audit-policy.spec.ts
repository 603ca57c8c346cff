import { readFile } from "node:fs/promises";
import { expect, test, type Page } from "@playwright/test";
import Papa from "papaparse";
import { storageState } from "./fixtures";

const suffix = () => `${Date.now().toString(36)}${Math.random().toString(36).slice(2, 6)}`;

/** The version number in force, read from the page: other specs share the database, so never assume it. */
async function versionInForce(page: Page): Promise<number> {
  const heading = page.getByRole("heading", { name: /^Version \d+ is in force$/ });
  return Number((await heading.innerText()).match(/\d+/)![0]);
}

/** The card about the version in force (the history table repeats its note). */
const inForceCard = (page: Page) =>
  page
    .locator("section")
    .filter({ has: page.getByRole("heading", { name: /^Version \d+ is in force$/ }) });

async function resetToDefault(page: Page, note: string) {
  await page.getByRole("button", { name: "Reset to the default policy…" }).click();
  await page.getByLabel("Why reset to the default?").fill(note);
  await page.getByRole("button", { name: /^Save the default as version \d+$/ }).click();
}

test.describe("the approval policy and the audit log", () => {
  // Both tests read the version in force and expect only themselves to change it.
  test.describe.configure({ mode: "serial" });
  test.use({ storageState: storageState("admin") });

  // Safety net: a failure halfway must not leave the edited policy in force for the other specs.
  test.afterEach(async ({ page }, testInfo) => {
    if (testInfo.status === testInfo.expectedStatus) return;
    await page.goto("/admin/policy");
    if (await page.getByRole("button", { name: "Reset to the default policy…" }).isVisible()) {
      await resetToDefault(page, "E2E clean-up after a failed test");
    }
  });

  test("an admin adds a rule, sees the tester's verdict change, saves a version, finds it in the audit log and its CSV, then restores the default", async ({
    page,
  }) => {
    // Why this edit: the specs run in parallel against one database, and apps registered while
    // this version is in force are classified by it. A rule placed last would never fire (the
    // default rules already decide every valid scope), so the new rule goes above "named-read";
    // it only matches Claim scopes requested by patient-facing apps, which no other spec, template
    // or demo app requests (they use ClaimResponse at most). The default document is saved back
    // at the end, so classification is the default again; only the version number moves on.
    const id = `e2e-claims-${suffix()}`;
    const note = `E2E: patient apps never see claims ${suffix()}`;
    await page.goto("/admin/policy");
    const before = await versionInForce(page);
    await expect(inForceCard(page).getByText("The default policy", { exact: true })).toBeVisible();

    const tester = page.getByRole("region", { name: "Try a scope" });
    await tester.getByLabel("Scope").fill("patient/Claim.rs");
    await tester.getByLabel("App type").selectOption("patient");
    await expect(tester).toContainText("Granted at once");
    await expect(tester).toContainText("(named-read)");
    await expect(tester).not.toContainText("Forbidden by policy");

    await page.getByRole("button", { name: "Add a rule" }).click();
    await page
      .getByRole("group", { name: /^Rule 8 \(rule-\d+\)$/ })
      .getByLabel("Rule id")
      .fill(id);
    const rule = page.getByRole("group", { name: new RegExp(`^Rule \\d+ \\(${id}\\)$`) });
    await rule.getByLabel("Description").fill("Patient-facing apps never see claims.");
    await rule.getByLabel("Outcome").selectOption("forbidden");
    await rule.getByRole("checkbox", { name: "patient-facing" }).check();
    await rule.getByLabel("Resource types").fill("Claim");
    // Still last, so "named-read" still decides: first match wins.
    await expect(tester).toContainText("Granted at once");

    // Two places up by keyboard: focus stays on the moved rule's button.
    const up = rule.getByRole("button", { name: /up$/ });
    await up.focus();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("group", { name: `Rule 7 (${id})`, exact: true })).toBeVisible();
    await expect(up).toBeFocused();
    await page.keyboard.press("Enter");
    await expect(page.getByRole("group", { name: `Rule 6 (${id})`, exact: true })).toBeVisible();
    await expect(
      page.getByRole("group", { name: "Rule 7 (named-read)", exact: true }),
    ).toBeVisible();

    await expect(tester).toContainText("Forbidden by policy");
    await expect(tester).toContainText(`Rule 6 (${id})`);
    await expect(tester).toContainText("Your draft decides this scope differently.");
    await tester.getByLabel("App type").selectOption("provider");
    await expect(tester).not.toContainText("Forbidden by policy");
    await tester.getByLabel("App type").selectOption("patient");

    await page.getByLabel("Why this change?").fill(note);
    await page.getByRole("button", { name: `Save as version ${before + 1}` }).click();
    await expect(page).toHaveURL(new RegExp(`/admin/policy\\?saved=${before + 1}$`));
    await expect(
      page.getByRole("heading", { name: `Version ${before + 1} is in force` }),
    ).toBeVisible();
    await expect(
      page.getByRole("status").filter({ hasText: `Version ${before + 1} is saved` }),
    ).toBeVisible();
    const historyRow = page.getByRole("row").filter({ hasText: note });
    await expect(historyRow).toContainText(String(before + 1));
    await expect(historyRow).toContainText("Avery Admin");

    // The audit log has the change, filtered by its action, with the note in its "after".
    await page.goto("/admin/audit");
    await page.getByLabel("Action", { exact: true }).selectOption("policy.changed");
    await expect(page).toHaveURL(/action=policy\.changed/);
    const first = page.getByRole("row").nth(1);
    await expect(first).toContainText("policy.changed");
    await expect(first).toContainText("admin@scopewarden.test");
    await first.getByRole("button", { name: /Show details of event/ }).click();
    await expect(page.getByRole("region", { name: /^Details of event/ })).toContainText(note);

    const [download] = await Promise.all([
      page.waitForEvent("download"),
      page.getByRole("button", { name: "Export CSV (filtered)" }).click(),
    ]);
    expect(download.suggestedFilename()).toMatch(/^scopewarden-audit-\d{4}-\d{2}-\d{2}\.csv$/);
    const csv = await readFile((await download.path())!, "utf8");
    const [header, ...rows] = Papa.parse<string[]>(csv.replace(/^\ufeff/, "").trimEnd()).data;
    expect(header).toEqual([
      "seq",
      "at",
      "actorType",
      "actorLabel",
      "actorId",
      "action",
      "entityType",
      "entityId",
      "organizationId",
      "ip",
      "before",
      "after",
      "prevHash",
      "hash",
    ]);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r[5] === "policy.changed")).toBe(true);
    const ours = rows.find((r) => r[11]!.includes(note));
    expect(JSON.parse(ours![11]!)).toMatchObject({ version: before + 1, note });

    // Restore the default classification for everyone else.
    await page.goto("/admin/policy");
    await resetToDefault(page, `E2E: back to the default ${suffix()}`);
    await expect(
      page.getByRole("heading", { name: `Version ${before + 2} is in force` }),
    ).toBeVisible();
    await expect(inForceCard(page).getByText("The default policy", { exact: true })).toBeVisible();
    await page
      .getByRole("region", { name: "Try a scope" })
      .getByLabel("Scope")
      .fill("patient/Claim.rs");
    await page
      .getByRole("region", { name: "Try a scope" })
      .getByLabel("App type")
      .selectOption("patient");
    await expect(page.getByRole("region", { name: "Try a scope" })).not.toContainText(
      "Forbidden by policy",
    );
  });

  test("an invalid rule shows a message by its field, keeps the draft and saves nothing", async ({
    page,
  }) => {
    await page.goto("/admin/policy");
    const before = await versionInForce(page);
    const first = page.getByRole("group", { name: "Rule 1 (system-wildcard)", exact: true });
    await first.getByLabel("Description").fill("");
    await page.getByLabel("Why this change?").fill("E2E: an invalid edit");
    await page.getByRole("button", { name: `Save as version ${before + 1}` }).click();

    await expect(first.getByText("Each rule needs a description")).toBeVisible();
    await expect(first.getByLabel("Description")).toHaveAttribute("aria-invalid", "true");
    await expect(page.getByText("Please correct the highlighted field.")).toBeVisible();
    await expect(page.getByLabel("Why this change?")).toHaveValue("E2E: an invalid edit");
    await expect(
      page.getByRole("heading", { name: `Version ${before} is in force` }),
    ).toBeVisible();

    await page.reload();
    expect(await versionInForce(page)).toBe(before);
    await expect(
      page
        .getByRole("group", { name: "Rule 1 (system-wildcard)", exact: true })
        .getByLabel("Description"),
    ).not.toHaveValue("");
  });
});

test.describe("a partner", () => {
  test.use({ storageState: storageState("partner") });

  test("is refused the policy page, the audit log and its CSV export", async ({ page }) => {
    expect((await page.goto("/admin/policy"))?.status()).toBe(403);
    await expect(
      page.getByRole("heading", { name: "You do not have access to this page" }),
    ).toBeVisible();
    expect((await page.goto("/admin/audit"))?.status()).toBe(403);
    const csv = await page.request.post("/admin/audit/export?action=policy.changed");
    expect(csv.status()).toBe(403);
    // No export on a GET, whoever asks: it would write the export's audit event.
    expect((await page.request.get("/admin/audit/export")).status()).toBe(405);
    expect(await csv.text()).not.toContain("seq,at");
  });
});
