// The action pipeline's core, run as the app runs it but with a plain edge: who may call, what
// input gets through, what the caller sees of each failure, and that the after-response hook
// runs after every call whatever happened.
import { redirect } from "next/navigation";
import { afterEach, describe, expect, expectTypeOf, it, vi } from "vitest";
import { z } from "zod";
import type { CurrentUser } from "../auth/current-user";
import { AppError } from "../errors";
import type { Role } from "../generated/prisma/enums";
import { runAction, UNEXPECTED_MESSAGE, type ActionDefinition, type Audience } from "./action";
import { adminAction, definitionOf } from "./action-client";

vi.mock("server-only", () => ({}));

const userWith = (role: Role): CurrentUser => ({
  sessionId: "00000000-0000-4000-8000-000000000000",
  id: "7c3f0a52-5d0e-4a57-9a43-2b7a1f0e9d11",
  email: `${role}@example.test`,
  name: role,
  role,
  organizationId: null,
  organization: null,
});

function edgeFor(user: CurrentUser | null) {
  const flushed = { count: 0 };
  return {
    flushed,
    edge: {
      getUser: async () => user,
      revalidate: vi.fn(),
      ip: async () => "203.0.113.9",
      afterResponse: () => void flushed.count++,
    },
  };
}

const ZNote = z.object({ note: z.string().trim().min(3, "Write at least 3 characters.") });

function define<A extends Audience>(audience: A, body = vi.fn(async () => ({ message: "Done." }))) {
  const definition: ActionDefinition<A, typeof ZNote, { message: string }> = {
    audience,
    schema: ZNote,
    body,
  };
  return { definition, body };
}

afterEach(() => vi.restoreAllMocks());

describe("the role check", () => {
  it.each<[Audience, Role | null, "success" | "UNAUTHORIZED" | "FORBIDDEN"]>([
    ["admin", "admin", "success"],
    ["admin", "reviewer", "FORBIDDEN"],
    ["admin", "partner", "FORBIDDEN"],
    ["partner", "partner", "success"],
    ["partner", "admin", "FORBIDDEN"],
    ["reviewer", "reviewer", "success"],
    ["reviewer", "admin", "FORBIDDEN"],
    ["user", "partner", "success"],
    ["user", "reviewer", "success"],
    ["admin", null, "UNAUTHORIZED"],
    ["user", null, "UNAUTHORIZED"],
    ["public", null, "success"],
  ])(
    "a %s action called by %s: %s, and the body runs only when allowed",
    async (audience, role, expected) => {
      const { definition, body } = define(audience);
      const { edge, flushed } = edgeFor(role ? userWith(role) : null);
      const result = await runAction(definition, { note: "hello" }, edge);
      if (expected === "success") {
        expect(result).toEqual({ status: "success", message: "Done.", data: undefined });
        expect(body).toHaveBeenCalledOnce();
      } else {
        expect(result).toMatchObject({ status: "error", code: expected });
        expect(body).not.toHaveBeenCalled();
      }
      expect(flushed.count).toBe(1);
    },
  );

  it("hands the body the signed-in user and the parsed input; a public body gets no user", async () => {
    const admin = userWith("admin");
    const { definition, body } = define("admin");
    await runAction(definition, { note: "  padded  " }, edgeFor(admin).edge);
    expect(body).toHaveBeenCalledWith(
      expect.objectContaining({ user: admin, input: { note: "padded" } }),
    );
    const open = define("public");
    await runAction(open.definition, { note: "hello" }, edgeFor(admin).edge);
    expect(open.body).toHaveBeenCalledWith(expect.objectContaining({ user: null }));
  });
});

describe("input", () => {
  it("is refused by field, with a summary, before the body runs", async () => {
    const { definition, body } = define("admin");
    const result = await runAction(definition, { note: "x" }, edgeFor(userWith("admin")).edge);
    expect(result).toEqual({
      status: "error",
      code: "INVALID_INPUT",
      message: "Please correct the highlighted field.",
      fieldErrors: { note: ["Write at least 3 characters."] },
    });
    expect(body).not.toHaveBeenCalled();
  });

  it.each([
    ["a NUL character", { note: "hel\u0000lo" }, /NUL/],
    ["an unpaired surrogate", { note: "hel\ud800lo" }, /broken character/],
    ["over-long text", { note: "x".repeat(20_001) }, /too long/],
    ["a NUL in a key", { "no\u0000te": "hello" }, /NUL/],
    [
      "deep nesting",
      { note: "hello", extra: JSON.parse("[".repeat(40) + "]".repeat(40)) },
      /nested/,
    ],
  ])("with %s is refused even where the schema would take it", async (_what, input, message) => {
    const { definition, body } = define("admin");
    const result = await runAction(definition, input, edgeFor(userWith("admin")).edge);
    expect(result).toMatchObject({ status: "error", code: "INVALID_INPUT" });
    expect(
      Object.values(result.fieldErrors ?? {})
        .flat()
        .join(" "),
    ).toMatch(message);
    expect(body).not.toHaveBeenCalled();
  });

  it.each([undefined, null, "note", 42, [], { note: 42 }])(
    "of the wrong shape (%j) is refused",
    async (input) => {
      const { definition } = define("admin");
      const result = await runAction(definition, input, edgeFor(userWith("admin")).edge);
      expect(result).toMatchObject({ status: "error", code: "INVALID_INPUT" });
    },
  );
});

describe("failures in the body", () => {
  it("an expected error becomes its message, with its field errors", async () => {
    const { definition } = define(
      "admin",
      vi.fn(async () => {
        throw new AppError("CONFLICT", "Someone else saved first.", { note: ["Reload."] });
      }),
    );
    const result = await runAction(definition, { note: "hello" }, edgeFor(userWith("admin")).edge);
    expect(result).toEqual({
      status: "error",
      code: "CONFLICT",
      message: "Please correct the highlighted field.",
      fieldErrors: { note: ["Reload."] },
    });
  });

  it("an unexpected error is logged and shown generically, without its details", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const { definition } = define(
      "admin",
      vi.fn(async () => {
        throw new Error("connection to 10.0.0.5 refused");
      }),
    );
    const { edge, flushed } = edgeFor(userWith("admin"));
    const result = await runAction(definition, { note: "hello" }, edge);
    expect(result).toEqual({ status: "error", message: UNEXPECTED_MESSAGE });
    expect(log).toHaveBeenCalledWith("server action failed", expect.any(Error));
    expect(flushed.count).toBe(1);
  });

  it("an unreachable database says so, and that nothing was saved", async () => {
    const { definition } = define(
      "admin",
      vi.fn(async () => {
        throw Object.assign(new Error("connect ECONNREFUSED 127.0.0.1:5432"), {
          code: "ECONNREFUSED",
        });
      }),
    );
    const { edge } = edgeFor(userWith("admin"));
    const result = await runAction(definition, { note: "hello" }, edge);
    expect(result).toMatchObject({ status: "error", code: "SERVICE_UNAVAILABLE" });
    expect(result.message).toMatch(/temporarily unavailable.*Nothing was changed/);
  });

  it("redirect() passes through, and the hook still runs", async () => {
    const { definition } = define(
      "admin",
      vi.fn(async () => redirect("/admin/policy?saved=2")),
    );
    const { edge, flushed } = edgeFor(userWith("admin"));
    await expect(runAction(definition, { note: "hello" }, edge)).rejects.toMatchObject({
      digest: expect.stringMatching(/^NEXT_REDIRECT;.*\/admin\/policy\?saved=2/),
    });
    expect(flushed.count).toBe(1);
  });

  it("a failing hook is logged and changes nothing the caller sees", async () => {
    const log = vi.spyOn(console, "error").mockImplementation(() => {});
    const { definition } = define("admin");
    const edge = {
      ...edgeFor(userWith("admin")).edge,
      afterResponse: async () => {
        throw new Error("smtp down");
      },
    };
    const result = await runAction(definition, { note: "hello" }, edge);
    expect(result).toMatchObject({ status: "success", message: "Done." });
    expect(log).toHaveBeenCalledOnce();
  });
});

it("types the result's data from the body and the input from the schema", async () => {
  const definition: ActionDefinition<"admin", typeof ZNote, { data: { id: string } }> = {
    audience: "admin",
    schema: ZNote,
    body: async ({ input }) => ({ data: { id: input.note } }),
  };
  const result = await runAction(definition, { note: "hello" }, edgeFor(userWith("admin")).edge);
  if (result.status !== "success") throw new Error("expected success");
  expectTypeOf(result.data).toEqualTypeOf<{ id: string }>();
  expect(result.data).toEqual({ id: "hello" });
});

it("gives an action its schema's input type, so a renamed field breaks every caller", () => {
  const saveNote = adminAction(ZNote, async ({ input }) => ({ data: { saved: input.note } }));
  expectTypeOf(saveNote).parameter(0).toEqualTypeOf<{ note: string }>();
  // @ts-expect-error -- the schema's field is `note`: a caller still sending `text` does not compile
  const stale = () => saveNote({ text: "hello" });
  expect(stale).toBeTypeOf("function");
  expect(definitionOf(saveNote)).toMatchObject({ audience: "admin", schema: ZNote });
});
