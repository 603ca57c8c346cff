import { test as setup } from "@playwright/test";
import { demo, signIn, storageState } from "./fixtures";

for (const role of ["admin", "admin2", "reviewer", "partner"] as const) {
  setup(`sign in as the demo ${role}`, async ({ page }) => {
    await signIn(page, demo[role]);
    await page.context().storageState({ path: storageState(role) });
  });
}
