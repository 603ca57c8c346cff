import { describe, expect, it } from "vitest";
import { ZBulkDecision, ZSetDecision } from "./schemas";

const ids = ["0b8a3c1e-5f2d-4a6b-9c7e-1d2f3a4b5c6d"];
const appId = "1c9b4d2f-6a3e-4b7c-8d9f-2e3a4b5c6d7e";

describe("denying several requests at once", () => {
  it.each([
    ["bulk", ZBulkDecision, {}],
    ["by app", ZSetDecision, { appId }],
  ] as const)(
    "%s: a denial without a reason is refused at the reason field",
    (_, schema, extra) => {
      const denied = schema.safeParse({ ...extra, kind: "deny", appScopeIds: ids });
      expect(denied.success).toBe(false);
      expect(denied.error?.issues).toEqual([
        expect.objectContaining({
          path: ["reason"],
          message: "Say why these requests are denied; the partner reads it.",
        }),
      ]);
      expect(schema.safeParse({ ...extra, kind: "approve", appScopeIds: ids }).success).toBe(true);
      expect(
        schema.safeParse({ ...extra, kind: "deny", appScopeIds: ids, reason: "Not needed." })
          .success,
      ).toBe(true);
    },
  );
});
