import { chromium } from "@playwright/test";
const base = process.env.BASE ?? "http://localhost:3240";
const paths = process.argv.slice(2);
const browser = await chromium.launch({ executablePath: "/usr/bin/chromium", args: ["--no-sandbox", "--disable-gpu", "--disable-background-networking", "--disable-component-update", "--disable-sync", "--no-first-run"] });
const page = await browser.newPage({ viewport: { width: 1280, height: 800 } });
await page.goto(`${base}/sign-in`); await page.waitForLoadState("networkidle");
await page.getByLabel("E-mail").fill(process.env.WHO ?? "admin@scopewarden.test");
await page.getByLabel("Password").fill("Scopewarden-Demo-2026");
await page.getByRole("button", { name: /sign in/i }).click();
await page.waitForURL((u) => !u.pathname.startsWith("/sign-in"), { timeout: 60000 });
for (const p of paths) {
  await page.goto(`${base}${p}`, { timeout: 120000 });
  await page.waitForLoadState("networkidle").catch(() => {});
  const name = p.replace(/[^a-z0-9]+/gi, "_") || "root";
  await page.screenshot({ path: `/tmp/w4shots/${name}.png`, fullPage: process.env.FULL === "1" });
  console.log("shot", p);
}
await browser.close();
