import { expect, test, type Page } from "@playwright/test";
import { storageState } from "./fixtures";

async function openFirstApp(page: Page) {
  await page.goto("/apps");
  await page
    .getByRole("table", { name: "Your organisation's apps" })
    .getByRole("link")
    .first()
    .click();
  await page.waitForURL(/\/apps\/[0-9a-f-]{36}$/);
  return (await page.locator("code").filter({ hasText: /^swc_/ }).textContent())!.trim();
}

test.describe("the copy button next to credentials", () => {
  test.use({ storageState: storageState("partner") });

  test("says Copied when the clipboard took the value", async ({ page, context }) => {
    await context.grantPermissions(["clipboard-read", "clipboard-write"]);
    const clientId = await openFirstApp(page);
    await page.getByRole("button", { name: "Copy Client id" }).click();
    await expect(page.getByRole("button", { name: "Copy Client id" })).toHaveText("Copied");
    expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(clientId);
  });

  test("without a clipboard, selects the value and says to press Ctrl+C", async ({ page }) => {
    await page.addInitScript(() =>
      Object.defineProperty(navigator, "clipboard", { value: undefined, configurable: true }),
    );
    const clientId = await openFirstApp(page);
    await page.getByRole("button", { name: "Copy Client id" }).click();
    await expect(page.getByRole("button", { name: "Copy Client id" })).toHaveText(
      "Press Ctrl+C to copy",
    );
    await expect(page.getByRole("status").filter({ hasText: "Client id selected" })).toBeAttached();
    expect(await page.evaluate(() => window.getSelection()?.toString())).toBe(clientId);
  });

  test("the client id fits the Credentials card on one line", async ({ page }) => {
    await page.setViewportSize({ width: 1280, height: 800 });
    await openFirstApp(page);
    const value = page.locator("code").filter({ hasText: /^swc_/ });
    const box = (await value.boundingBox())!;
    const lineHeight = await value.evaluate((el) => parseFloat(getComputedStyle(el).lineHeight));
    expect(box.height).toBeLessThan(lineHeight * 2); // padding plus one line, no break
  });
});

test.describe("modal dialogs", () => {
  test("the reviewer's decision dialog keeps focus inside, closes on Escape and hands focus back to the item", async ({
    browser,
  }) => {
    const page = await (
      await browser.newContext({ storageState: storageState("reviewer") })
    ).newPage();
    await page.goto("/reviews");
    await page
      .getByRole("link", { name: /^Quarterly access review/ })
      .first()
      .click();
    const item = page.getByRole("list", { name: "Review items" }).getByRole("article").first();
    const label = (await item.getAttribute("aria-label"))!;
    await item.getByRole("button", { name: /^Revoke/ }).click();
    const dialog = page.getByRole("dialog", { name: "Revoke this grant" });
    await expect(dialog).toBeVisible();
    await expect(dialog.getByLabel(/Reason for revoking/)).toBeFocused();
    for (let i = 0; i < 6; i++) {
      await page.keyboard.press("Tab");
      // Focus may visit the browser's own controls, but never the page behind the dialog.
      expect(
        await page.evaluate(() => {
          const active = document.activeElement;
          return !active || active === document.body || !!active.closest("dialog[open]");
        }),
      ).toBe(true);
    }
    await page.keyboard.press("Escape");
    await expect(dialog).toHaveCount(0);
    await expect(page.getByRole("article", { name: label })).toBeFocused();
  });

  test("the consent preview returns focus to the button that opened it", async ({ browser }) => {
    const page = await (
      await browser.newContext({ storageState: storageState("partner") })
    ).newPage();
    await page.goto("/apps/new");
    const open = page.getByRole("button", { name: "Preview consent screen" });
    await open.click();
    const dialog = page.getByRole("dialog");
    await expect(dialog).toBeVisible();
    await page.keyboard.press("Escape");
    await expect(dialog).toBeHidden();
    await expect(open).toBeFocused();
    await open.click();
    await dialog.getByRole("button", { name: "Close preview" }).click();
    await expect(open).toBeFocused();
  });
});
