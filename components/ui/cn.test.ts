import { describe, expect, it } from "vitest";
import { cn } from "./cn";

describe("cn", () => {
  it("lets a later class override an earlier one of the same kind", () => {
    expect(cn("w-full rounded-md px-3", "w-auto pr-8")).toBe("rounded-md px-3 w-auto pr-8");
    expect(cn("w-48", false, null, "w-auto")).toBe("w-auto");
  });

  it("keeps classes that do not conflict", () => {
    expect(cn("text-sm text-slate-700", "font-mono")).toBe("text-sm text-slate-700 font-mono");
  });
});
