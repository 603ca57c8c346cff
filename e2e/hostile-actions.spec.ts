// Server-action requests no browser of the portal sends, against the running server: refused with
// 403, 413 or 400 (never Next.js's own 500 where the portal can decide), and nothing is written.
// Every body carries one key name; the gateways page must not list it afterwards.
import { readFileSync } from "node:fs";
import { expect, test, type APIRequestContext } from "@playwright/test";
import { storageState } from "./fixtures";

test.use({ storageState: storageState("admin") });

type Manifest = { node: Record<string, { filename: string; exportedName: string }> };
function actionId(filename: string, exportedName: string): string {
  const manifest = JSON.parse(
    readFileSync(".next/server/server-reference-manifest.json", "utf8"),
  ) as Manifest;
  const found = Object.entries(manifest.node).find(
    ([, a]) => a.filename === filename && a.exportedName === exportedName,
  );
  if (!found) throw new Error(`${filename}#${exportedName} is not in the build`);
  return found[0];
}

const probe = `probe-${Date.now().toString(36)}`;
const LIMIT = 6 * 1024 * 1024;

function call(
  request: APIRequestContext,
  baseURL: string,
  body: string | Buffer,
  headers: Record<string, string> = {},
) {
  return request.post("/admin/gateways", {
    headers: {
      "Next-Action": actionId("app/(admin)/admin/gateways/actions.ts", "createApiKeyAction"),
      Accept: "text/x-component",
      Origin: new URL(baseURL).origin,
      "Content-Type": "text/plain;charset=UTF-8",
      ...headers,
    },
    data: body,
  });
}

const multipart = (fields: Record<string, string>) => {
  const boundary = "----scopewarden-probe";
  const parts = Object.entries(fields).map(
    ([name, value]) =>
      `--${boundary}\r\nContent-Disposition: form-data; name="${name}"\r\n\r\n${value}\r\n`,
  );
  return {
    body: `${parts.join("")}--${boundary}--\r\n`,
    type: `multipart/form-data; boundary=${boundary}`,
  };
};

test("hostile action calls are refused with the right status and write nothing", async ({
  page,
  baseURL,
}) => {
  const request = page.request;
  const base = baseURL!;
  const named = JSON.stringify([{ name: probe }]);

  // Another site's page calling the action with the admin's cookies: 403.
  expect((await call(request, base, named, { Origin: "https://evil.example" })).status()).toBe(403);
  expect((await call(request, base, named, { Origin: "null" })).status()).toBe(403);
  const crossForm = multipart({ [`$ACTION_ID_x`]: "", name: probe });
  const crossPost = await request.post("/admin/gateways", {
    headers: { Origin: "https://evil.example", "Content-Type": crossForm.type },
    data: crossForm.body,
  });
  expect(crossPost.status()).toBe(403);

  // Over the limit: 413, with a length and without one (a streamed body).
  const big = Buffer.alloc(LIMIT + 1, "a");
  expect((await call(request, base, big)).status()).toBe(413);
  const streamed = await fetch(new URL("/admin/gateways", base), {
    method: "POST",
    headers: {
      "Next-Action": actionId("app/(admin)/admin/gateways/actions.ts", "createApiKeyAction"),
      Origin: new URL(base).origin,
      "Content-Type": "text/plain;charset=UTF-8",
      Cookie: (await page.context().cookies()).map((c) => `${c.name}=${c.value}`).join("; "),
    },
    body: new Blob([big]).stream(),
    duplex: "half",
  } as RequestInit);
  expect(streamed.status).toBe(413);

  // Bodies that are not an encoded argument list, or point at parts they do not carry: 400.
  const malformed: (string | { body: string; type: string })[] = [
    `[{"name":"${probe}"}`,
    `{"name":"${probe}"}`,
    `"${probe}"`,
    "",
    `[{"name":"${probe}"},"$Q1"]`,
    `[{"name":"${probe}","more":"$h1"}]`,
    `[{"name":"${probe}","file":"$B1"}]`,
    `[{"name":"${probe}","n":"$nNaN"}]`,
    multipart({ "0": `[{"name":"${probe}","file":"$B1"}]` }),
    multipart({ "1": `[{"name":"${probe}"}]` }),
    { body: "not a multipart body", type: "multipart/form-data; boundary=x" },
  ];
  for (const item of malformed) {
    const response =
      typeof item === "string"
        ? await call(request, base, item)
        : await call(request, base, item.body, { "Content-Type": item.type });
    expect(response.status(), JSON.stringify(item)).toBe(400);
  }

  // Decodable bodies reach the action, which refuses bad text with a message by its field.
  for (const name of [`${probe}\u0000`, `${probe}\ud800`, "x".repeat(20_001)]) {
    const response = await call(request, base, JSON.stringify([{ name }]));
    expect(response.status()).toBe(200);
    expect(await response.text()).toContain('"code":"INVALID_INPUT"');
  }

  // What only Next.js can judge (a server reference to an action that does not exist) is refused
  // by it before any action runs; it answers 500, and nothing is written either.
  const unknownReference = multipart({
    "0": `[{"name":"${probe}","more":"$h1"}]`,
    "1": JSON.stringify({ id: "7f0000000000000000000000000000000000000000", bound: null }),
  });
  const judgedByNext = await call(request, base, unknownReference.body, {
    "Content-Type": unknownReference.type,
  });
  expect(judgedByNext.status()).toBeGreaterThanOrEqual(400);

  await page.goto("/admin/gateways");
  await expect(page.getByRole("heading", { name: "Gateways", level: 1 })).toBeVisible();
  await expect(page.getByText(probe)).toHaveCount(0);
});
