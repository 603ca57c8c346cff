// The recorder's timer: writes come flushMs ± 20 % apart (instances drift apart), only when there is
// something to write, and stop there.
import { afterEach, describe, expect, it, vi } from "vitest";
import type { Db } from "../database/client";
import { UsageRecorder, usageFromEnv } from "./recorder";

afterEach(() => {
  vi.useRealTimers();
});

function recorderWithFakeDb() {
  const statements: unknown[][] = [];
  const db = {
    $executeRaw: (...args: unknown[]) => {
      statements.push(args);
      return Promise.resolve(1);
    },
  } as unknown as Db;
  return { statements, recorder: new UsageRecorder(db, { flushMs: 1_000 }) };
}

describe("the usage recorder's timer", () => {
  it("writes within flushMs ± 20 %, again after each write, and never after stop", async () => {
    vi.useFakeTimers();
    const { statements, recorder } = recorderWithFakeDb();
    const subject = { appId: "a1", usage: null };
    recorder.start();
    recorder.recordAllowed(subject, "system/Patient.rs");
    await vi.advanceTimersByTimeAsync(799);
    expect(statements).toHaveLength(0);
    await vi.advanceTimersByTimeAsync(401);
    expect(statements).toHaveLength(1);

    // Nothing counted: the next tick writes nothing; a new count goes out on the one after.
    await vi.advanceTimersByTimeAsync(1_200);
    expect(statements).toHaveLength(1);
    recorder.recordDenied(subject, "system/Coverage.rs");
    await vi.advanceTimersByTimeAsync(1_200);
    expect(statements).toHaveLength(2);

    await recorder.stop();
    recorder.recordAllowed(subject, "system/Patient.rs");
    await vi.advanceTimersByTimeAsync(10_000);
    expect(statements).toHaveLength(2);
    expect(vi.getTimerCount()).toBe(0);
  });

  it("spreads the writes of instances started together", () => {
    const delays = new Set<number>();
    const spy = vi.spyOn(globalThis, "setTimeout");
    for (let i = 0; i < 20; i++) {
      const { recorder } = recorderWithFakeDb();
      recorder.start();
      delays.add(Math.round(spy.mock.calls.at(-1)![1] as number));
      void recorder.stop();
    }
    spy.mockRestore();
    expect(delays.size).toBeGreaterThan(10);
    for (const delay of delays) {
      expect(delay).toBeGreaterThanOrEqual(800);
      expect(delay).toBeLessThanOrEqual(1_200);
    }
  });
});

describe("usageFromEnv", () => {
  it("turns USAGE_FLUSH_SECONDS into the write interval, and off into no recorder", () => {
    expect(usageFromEnv({ USAGE_RECORDING: "on", USAGE_FLUSH_SECONDS: 30 })).toEqual({
      flushMs: 30_000,
    });
    expect(usageFromEnv({ USAGE_RECORDING: "off", USAGE_FLUSH_SECONDS: 30 })).toBe(false);
  });
});
