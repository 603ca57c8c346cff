import { expect, test, type Browser, type Locator, type Page } from "@playwright/test";
import { signUp, storageState, uniqueEmail } from "./fixtures";

// Every admin table sorts from its column headers: a button per sortable column, operable by
// mouse and keyboard, that changes the rows' order and the URL, with aria-sort saying how.
test.describe.configure({ mode: "serial", timeout: 120_000 });

const tag = `Sortable${Date.now().toString(36)}`;
const first = `${tag} Aardvark`;
const last = `${tag} Zebra`;

async function registerBackendApp(page: Page, name: string, template: string) {
  await page.goto("/apps/new");
  await page.getByLabel("App name").fill(name);
  await page.getByRole("radio", { name: /Backend service/ }).check();
  await page.getByRole("textbox", { name: "JWKS URL" }).fill("https://sort.example.com/jwks.json");
  await page.getByRole("button", { name: `Use ${template}` }).click();
  await page.getByRole("button", { name: "Register app" }).click();
  await expect(page.getByRole("link", { name: "Go to the app" })).toBeVisible();
}

async function newPartner(browser: Browser, organizationName: string) {
  const page = await (await browser.newContext()).newPage();
  await signUp(page, {
    organizationName,
    name: "Sam Sorter",
    email: uniqueEmail(),
    password: "Sturdy-Lantern-42",
  });
  await expect(page).toHaveURL(/\/apps$/);
  return page;
}

test.beforeAll(async ({ browser }) => {
  // Two partners, the first with two apps: six high-risk requests and one critical one.
  const partner = await newPartner(browser, `${first} Org`);
  await registerBackendApp(partner, first, "Payer-to-payer exchange");
  await registerBackendApp(partner, last, "Provider access / bulk export");
  await newPartner(browser, `${last} Org`);
});

async function asAdmin(browser: Browser) {
  return (await browser.newContext({ storageState: storageState("admin") })).newPage();
}

/** The text of one column, row by row, as the table shows it now. */
const column = (table: Locator, header: string) =>
  table.evaluate((el, name) => {
    const heads = [...el.querySelectorAll("thead th")].map((th) =>
      (th.textContent ?? "").replace(/[▲▼↕]/g, "").trim(),
    );
    const index = heads.indexOf(name);
    return [...el.querySelectorAll("tbody tr")].map(
      (tr) => tr.children[index]?.textContent?.trim() ?? "",
    );
  }, header);

/** Sorts by a header (a click, or a key press on the focused button) and checks what changed. */
async function sortBy(
  page: Page,
  table: Locator,
  header: string,
  how: "click" | "Enter" | "Space",
  expected: { sort: string | null; ariaSort: "ascending" | "descending" },
) {
  const th = table.getByRole("columnheader", { name: header, exact: true });
  const button = th.getByRole("button");
  if (how === "click") await button.click();
  else {
    await button.focus();
    await page.keyboard.press(how);
  }
  if (expected.sort) await expect(page).toHaveURL(new RegExp(`[?&]sort=${expected.sort}(&|$)`));
  else await expect(page).not.toHaveURL(/[?&]sort=/);
  await expect(th).toHaveAttribute("aria-sort", expected.ariaSort);
}

test("the approval queue sorts by app and by risk, from the mouse and the keyboard", async ({
  browser,
}) => {
  const page = await asAdmin(browser);
  await page.goto(`/admin/approvals?q=${tag}`);
  const table = page.getByRole("table", { name: "Pending scope requests" });
  await expect(table.getByRole("row")).toHaveCount(8); // header + 7 requests
  const waiting = table.getByRole("columnheader", { name: "Waiting" });
  await expect(waiting).toHaveAttribute("aria-sort", "descending"); // the default: longest first
  await expect(table.getByRole("columnheader", { name: "App", exact: true })).toHaveAttribute(
    "aria-sort",
    "none",
  );
  const scope = table.getByRole("columnheader", { name: "Scope requested" });
  await expect(scope).not.toHaveAttribute("aria-sort", /.*/);
  await expect(scope.getByRole("button")).toHaveCount(0);

  await sortBy(page, table, "App", "click", { sort: "app.asc", ariaSort: "ascending" });
  await expect.poll(() => column(table, "App")).toEqual([...Array(6).fill(first), last]);
  await expect(waiting).toHaveAttribute("aria-sort", "none");
  await sortBy(page, table, "App", "Enter", { sort: "app.desc", ariaSort: "descending" });
  await expect.poll(() => column(table, "App")).toEqual([last, ...Array(6).fill(first)]);

  await sortBy(page, table, "Risk", "click", { sort: "risk.desc", ariaSort: "descending" });
  await expect.poll(async () => (await column(table, "Risk"))[0]).toBe("Critical risk");
  await sortBy(page, table, "Risk", "Space", { sort: "risk.asc", ariaSort: "ascending" });
  await expect
    .poll(() => column(table, "Risk"))
    .toEqual([...Array(6).fill("High risk"), "Critical risk"]);
});

test("the admin apps list sorts by name and by registration date", async ({ browser }) => {
  const page = await asAdmin(browser);
  await page.goto(`/admin/apps?q=${tag}`);
  const table = page.getByRole("table", { name: "Every registered app" });
  await expect(table.getByRole("row")).toHaveCount(3);
  await sortBy(page, table, "App", "click", { sort: "name.asc", ariaSort: "ascending" });
  await expect.poll(() => column(table, "App")).toEqual([first, last]);
  await sortBy(page, table, "App", "Enter", { sort: "name.desc", ariaSort: "descending" });
  await expect.poll(() => column(table, "App")).toEqual([last, first]);
  // Newest first is the list's default: the URL drops the sort again.
  await sortBy(page, table, "Registered", "click", { sort: null, ariaSort: "descending" });
  await expect.poll(() => column(table, "App")).toEqual([last, first]);
  await sortBy(page, table, "Registered", "Enter", {
    sort: "createdAt.asc",
    ariaSort: "ascending",
  });
  await expect.poll(() => column(table, "App")).toEqual([first, last]);
});

test("the partners list sorts by name and by the day they joined", async ({ browser }) => {
  const page = await asAdmin(browser);
  await page.goto(`/admin/partners?q=${tag}`);
  const table = page.getByRole("table", { name: "Partner organisations" });
  await expect(table.getByRole("row")).toHaveCount(3);
  const names = [`${first} Org`, `${last} Org`];
  await expect(table.getByRole("columnheader", { name: "Organisation" })).toHaveAttribute(
    "aria-sort",
    "ascending",
  );
  await expect.poll(() => column(table, "Organisation")).toEqual(names);
  await sortBy(page, table, "Organisation", "click", { sort: "name.desc", ariaSort: "descending" });
  await expect.poll(() => column(table, "Organisation")).toEqual([...names].reverse());
  await sortBy(page, table, "Joined", "Enter", { sort: "createdAt.desc", ariaSort: "descending" });
  await expect.poll(() => column(table, "Organisation")).toEqual([...names].reverse());
  await sortBy(page, table, "Joined", "Space", { sort: "createdAt.asc", ariaSort: "ascending" });
  await expect.poll(() => column(table, "Organisation")).toEqual(names);
});

test("a webhook endpoint's delivery log sorts oldest or newest first", async ({ browser }) => {
  const page = await asAdmin(browser);
  await page.goto("/admin/webhooks");
  // Nothing listens on the discard port: deliveries are logged (and retried), which is all we need.
  await page.getByLabel("Endpoint URL").fill(`http://127.0.0.1:9/${tag}`);
  // Other specs' events reach a portal-wide endpoint too: subscribe to one rare event, and count
  // only the test events below.
  const events = page.getByRole("group", { name: /Events/ });
  for (const box of await events.getByRole("checkbox").all()) await box.setChecked(false);
  await events.getByRole("checkbox", { name: /review\.closed/ }).check();
  await page.getByRole("button", { name: "Add endpoint" }).click();
  await page.getByRole("link", { name: "Open the endpoint" }).click();
  for (let i = 0; i < 2; i++) {
    await page.getByRole("button", { name: "Send test event" }).click();
    await expect(page.getByText("Test event queued.")).toBeVisible();
    await page.reload();
  }
  const table = page.getByRole("table", { name: "Delivery log" });
  const ids = () =>
    table
      .locator("tbody tr[data-delivery]")
      .filter({ hasText: "webhook.test" })
      .evaluateAll((rows) => rows.map((r) => r.dataset.delivery));
  await expect.poll(async () => (await ids()).length).toBe(2);
  const newestFirst = await ids();
  const created = table.getByRole("columnheader", { name: "Created" });
  await expect(created).toHaveAttribute("aria-sort", "descending");
  await created.getByRole("link").click();
  await expect(page).toHaveURL(/[?&]sort=createdAt\.asc/);
  await expect(created).toHaveAttribute("aria-sort", "ascending");
  await expect.poll(ids).toEqual([...newestFirst].reverse());
  await created.getByRole("link").focus();
  await page.keyboard.press("Enter");
  await expect(page).not.toHaveURL(/[?&]sort=/);
  await expect(created).toHaveAttribute("aria-sort", "descending");
  await expect.poll(ids).toEqual(newestFirst);
});

test("the audit log sorts oldest or newest first", async ({ browser }) => {
  const page = await asAdmin(browser);
  await page.goto("/admin/audit");
  const table = page.getByRole("table", { name: "Audit events" });
  const numbers = async () =>
    (await column(table, "When")).map((text) => Number(text.match(/#(\d+)$/)?.[1]));
  await expect(table.getByRole("columnheader", { name: "When" })).toHaveAttribute(
    "aria-sort",
    "descending",
  );
  await sortBy(page, table, "When", "click", { sort: "seq.asc", ariaSort: "ascending" });
  await expect.poll(async () => (await numbers()).slice(0, 3)).toEqual([1, 2, 3]);
  await sortBy(page, table, "When", "Enter", { sort: null, ariaSort: "descending" });
  await expect.poll(async () => (await numbers())[0]).toBeGreaterThan(25);
  const newest = await numbers();
  expect(newest).toEqual([...newest].sort((a, b) => b - a));
});

test("a reviewer sorts their items by app, either way, from a labelled control", async ({
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
  await page.getByLabel("Show").selectOption("all");
  const apps = async () =>
    page
      .getByRole("list", { name: "Review items" })
      .getByRole("article")
      .evaluateAll((cards) => cards.map((c) => c.getAttribute("aria-label")!.split(" for ")[1]!));
  const byName = (a: string, b: string) => a.localeCompare(b, "en");
  const isInOrder = (names: string[], desc: boolean) => {
    const sorted = [...names].sort(byName);
    return new Set(names).size > 1 && names.join() === (desc ? sorted.reverse() : sorted).join();
  };
  await page.getByLabel("Sort by").selectOption({ label: "App, A to Z" });
  await expect(page).toHaveURL(/sort=app\.asc/);
  await expect.poll(async () => isInOrder(await apps(), false)).toBe(true);
  await page.getByLabel("Sort by").selectOption({ label: "App, Z to A" });
  await expect(page).toHaveURL(/sort=app\.desc/);
  await expect.poll(async () => isInOrder(await apps(), true)).toBe(true);
  await expect(page.getByLabel("Sort by")).toHaveValue("app.desc");
});

test("a reviewer pages through a campaign by Next, Previous, Last, First and a page number", async ({
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
  await page.waitForURL(/\/reviews\/[0-9a-f-]{36}$/);
  await page.goto(`${page.url()}?status=all&perPage=10`);
  const pager = page.getByRole("navigation", { name: "Pagination" });
  const cards = () =>
    page
      .getByRole("list", { name: "Review items" })
      .getByRole("article")
      .evaluateAll((all) => all.map((c) => c.getAttribute("aria-label")!));
  const total = Number((await pager.getByText(/^1–10 of \d+$/).textContent())!.split(" of ")[1]);
  expect(total).toBeGreaterThan(20);
  const pageOne = await cards();

  await pager.getByRole("button", { name: "Next" }).click();
  await expect(pager.getByText(`11–20 of ${total}`)).toBeVisible();
  await expect(page).toHaveURL(/[?&]cursor=[\w-]+/);
  const pageTwo = await cards();
  expect(pageTwo.filter((c) => pageOne.includes(c))).toEqual([]);

  await pager.getByRole("button", { name: "Last page" }).click();
  await expect(pager.getByText(`21–${total} of ${total}`)).toBeVisible();
  await expect(pager.getByRole("button", { name: "Next" })).toBeDisabled();
  const pageThree = await cards();
  expect(pageThree.filter((c) => [...pageOne, ...pageTwo].includes(c))).toEqual([]);
  expect(pageOne.length + pageTwo.length + pageThree.length).toBe(total);

  await pager.getByRole("button", { name: "Previous" }).click();
  await expect(pager.getByText(`11–20 of ${total}`)).toBeVisible();
  await expect.poll(cards).toEqual(pageTwo);
  await pager.getByRole("button", { name: "First page" }).click();
  await expect(pager.getByText(`1–10 of ${total}`)).toBeVisible();
  await expect.poll(cards).toEqual(pageOne);
  await expect(pager.getByRole("button", { name: "Previous" })).toBeDisabled();

  await pager.getByLabel("Go to page").fill("3");
  await pager.getByRole("button", { name: "Go" }).click();
  await expect(pager.getByText(`21–${total} of ${total}`)).toBeVisible();
  await expect.poll(cards).toEqual(pageThree);
});

test("the approval queue by app sorts request sets by due date, app and risk", async ({
  browser,
}) => {
  const page = await asAdmin(browser);
  await page.goto(`/admin/approvals/apps?q=${tag}`);
  const table = page.getByRole("table", { name: "Pending requests by app" });
  // One row per app, whatever its number of scopes (lint lines sit under their app's row).
  const apps = () =>
    table
      .locator("tbody tr td:first-child a")
      .evaluateAll((links) => links.map((a) => a.textContent?.trim()));
  await expect.poll(apps).toEqual(expect.arrayContaining([first, last]));
  expect(await apps()).toHaveLength(2);
  await expect(table.getByRole("columnheader", { name: "Due" })).toHaveAttribute(
    "aria-sort",
    "ascending",
  ); // the default: soonest due first
  await expect(
    table.getByRole("columnheader", { name: "Scopes waiting" }).getByRole("button"),
  ).toHaveCount(0);

  await sortBy(page, table, "App", "click", { sort: "app.asc", ariaSort: "ascending" });
  await expect.poll(apps).toEqual([first, last]);
  await sortBy(page, table, "App", "Enter", { sort: "app.desc", ariaSort: "descending" });
  await expect.poll(apps).toEqual([last, first]);
  await sortBy(page, table, "Risk", "Space", { sort: "risk.desc", ariaSort: "descending" });
  await expect.poll(apps).toEqual([last, first]); // the bulk export's critical scope first
  await sortBy(page, table, "Risk", "click", { sort: "risk.asc", ariaSort: "ascending" });
  await expect.poll(apps).toEqual([first, last]);
  await sortBy(page, table, "Due", "Enter", { sort: "due.desc", ariaSort: "descending" });
});

test("a link clicked right after typing a search is followed, not undone by the search", async ({
  browser,
}) => {
  const page = await asAdmin(browser);
  await page.goto(`/admin/apps?q=${tag}`);
  const table = page.getByRole("table");
  const link = table.getByRole("link", { name: first, exact: true });
  await expect(link).toBeVisible();
  await page.getByRole("searchbox", { name: "Search" }).pressSequentially("x");
  await link.click(); // within the typing pause
  await expect(page).toHaveURL(/\/admin\/apps\/[0-9a-f-]{36}$/);
  await page.waitForTimeout(1_000); // longer than the pause: nothing takes the page back
  await expect(page).toHaveURL(/\/admin\/apps\/[0-9a-f-]{36}$/);
});
