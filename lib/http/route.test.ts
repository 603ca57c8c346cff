import { describe, expect, it, vi } from "vitest";
import { AppError } from "../errors";
import { downloadRoute, jsonRoute } from "./route";

const get = (query = "") => new Request(`http://portal.test/x${query}`);

describe("jsonRoute", () => {
  it("refuses a NUL byte in the query string before the handler runs", async () => {
    const handler = vi.fn(async () => Response.json({ ok: true }));
    const res = await jsonRoute(handler)(get("?q=a%00b"), {});
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({
      error: {
        code: "INVALID_INPUT",
        message: "The query string contains a NUL byte or a broken character.",
      },
    });
    expect(handler).not.toHaveBeenCalled();
    expect((await jsonRoute(handler)(get("?q=%ED%A0%80"), {})).status).toBe(200); // decoded to U+FFFD
  });

  it("answers an AppError with its status, headers and issues, anything else with 500", async () => {
    const limited = jsonRoute(async () => {
      throw new AppError("RATE_LIMITED", "Slow down.", { email: ["Too many tries."] }, 30);
    });
    const res = await limited(get(), {});
    expect(res.status).toBe(429);
    expect(res.headers.get("retry-after")).toBe("30");
    expect(await res.json()).toEqual({
      error: {
        code: "RATE_LIMITED",
        message: "Slow down.",
        issues: [{ path: "email", message: "Too many tries." }],
      },
    });
    const unauthorized = await jsonRoute(async () => {
      throw new AppError("UNAUTHORIZED", "Sign in.");
    })(get(), {});
    expect(unauthorized.headers.get("www-authenticate")).toMatch(/^Bearer/);
    vi.spyOn(console, "error").mockImplementationOnce(() => {});
    const broken = await jsonRoute(async () => {
      throw new Error("boom");
    })(get(), {});
    expect(broken.status).toBe(500);
    expect((await broken.json()).error.code).toBe("INTERNAL");
  });
});

describe("downloadRoute", () => {
  it("answers expected errors and a NUL in the query as plain text", async () => {
    const handler = vi.fn(async () => {
      throw new AppError("NOT_FOUND", "That campaign was not found.");
    });
    const missing = await downloadRoute(handler)(get(), {});
    expect(missing.status).toBe(404);
    expect(await missing.text()).toBe("That campaign was not found.\n");
    const nul = await downloadRoute(handler)(get("?actor=%00"), {});
    expect(nul.status).toBe(400);
    expect(nul.headers.get("content-type")).toMatch(/^text\/plain/);
    expect(handler).toHaveBeenCalledTimes(1);
  });
});
