// Forms and controls on the one action pipeline: errors by their fields with the form-level
// summary, what was typed kept and focus on the first invalid field, results shown where they
// belong (an invitation link, a secret shown once, a verification, an impact preview).
import { expect, test } from "@playwright/test";
import { storageState } from "./fixtures";

test.use({ storageState: storageState("admin") });

test.describe.configure({ mode: "parallel" });

test("a staff invitation keeps a bad address for correcting, then is sent", async ({ page }) => {
  const tag = Date.now().toString(36);
  await page.goto("/admin/staff");
  await page.getByLabel("E-mail").fill("not-an-address");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText("Enter a valid e-mail address")).toBeVisible();
  await expect(page.getByLabel("E-mail")).toHaveValue("not-an-address");
  await expect(page.getByLabel("E-mail")).toBeFocused();
  await page.getByLabel("E-mail").fill(`staff-${tag}@example.test`);
  await page.getByLabel("Role").selectOption("admin");
  await page.getByRole("button", { name: "Send invitation" }).click();
  await expect(page.getByText(`Invitation sent to staff-${tag}@example.test.`)).toBeVisible();
  await expect(page.getByLabel("E-mail")).toHaveValue("");
});

test("a schedule with two problems names both by their fields and keeps what was typed", async ({
  page,
}) => {
  const tag = Date.now().toString(36);
  await page.goto("/admin/reviews/schedules/new");
  await page.getByRole("textbox", { name: "Name" }).fill("ab");
  await page.getByLabel("Due in (days)").fill("5");
  await page.getByLabel("Reminder (days before)").fill("9");
  await page.getByRole("button", { name: "Create schedule" }).click();
  await expect(page.getByText("Name the schedule (at least 3 characters).")).toBeVisible();
  await expect(page.getByText("Send the reminder before the due date")).toBeVisible();
  await expect(page.getByText("Please correct the 2 highlighted fields.")).toBeVisible();
  await expect(page.getByRole("textbox", { name: "Name" })).toHaveValue("ab");
  await expect(page.getByLabel("Due in (days)")).toHaveValue("5");
  await page.getByRole("textbox", { name: "Name" }).fill(`Form check ${tag}`);
  await page.getByLabel("Reminder (days before)").fill("2");
  await page.getByRole("button", { name: "Create schedule" }).click();
  await expect(page.getByText(`Created Form check ${tag}`)).toBeVisible();
});

test("the audit chain verifies and the policy draft's effect is computed on demand", async ({
  page,
}) => {
  await page.goto("/admin/audit");
  await page.getByRole("button", { name: "Verify chain" }).click();
  await expect(page.getByText("Chain verified:")).toBeVisible();
  await page.goto("/admin/policy");
  await page.getByRole("button", { name: "Check the effect" }).click();
  await expect(page.getByText(/would be classified differently/).first()).toBeVisible();
});

test("an endpoint's secret rotates once and the endpoint disables and enables", async ({
  page,
}) => {
  const tag = Date.now().toString(36);
  await page.goto("/admin/webhooks");
  await page.getByLabel("Endpoint URL").fill(`http://127.0.0.1:9/${tag}`);
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await expect(page.getByText("Signing secret", { exact: true })).toBeVisible();
  await page.getByRole("link", { name: "Open the endpoint" }).click();
  await page.getByRole("button", { name: "Rotate secret" }).click();
  await page.getByRole("button", { name: "Yes, rotate" }).click();
  await expect(page.getByText("New secret created.")).toBeVisible();
  await expect(page.getByText("New signing secret")).toBeVisible();
  await page.getByRole("button", { name: "Disable" }).click();
  await expect(page.getByText("Endpoint disabled")).toBeVisible();
  await expect(page.getByText("New signing secret")).toHaveCount(0);
  await page.getByRole("button", { name: "Enable" }).click();
  await expect(page.getByText("Endpoint enabled")).toBeVisible();
  await page.getByRole("button", { name: "Delete endpoint" }).click();
  await page.getByRole("button", { name: "Yes, delete" }).click();
  await expect(page.getByText("The endpoint was deleted.")).toBeVisible();
});
