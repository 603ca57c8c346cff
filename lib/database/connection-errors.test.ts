import { createServer } from "node:net";
import pg from "pg";
import { describe, expect, it } from "vitest";
import { AppError } from "../errors";
import { createPrismaClient } from "./client";
import { isDatabaseUnavailable, retryWhileUnavailable } from "./connection-errors";

/** A port nothing listens on: taken from the OS, then released. */
async function closedPort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as { port: number };
  await new Promise((resolve) => server.close(resolve));
  return port;
}

const caught = (work: () => Promise<unknown>) =>
  work().then(
    () => null,
    (error: unknown) => error,
  );

describe("isDatabaseUnavailable", () => {
  it("recognises what Prisma and pg raise when the server cannot be reached", async () => {
    const url = `postgresql://postgres@127.0.0.1:${await closedPort()}/postgres`;
    const db = createPrismaClient(url, { poolSize: 1 });
    try {
      const errors = [
        await caught(() => db.user.count()),
        await caught(() => db.$queryRaw`SELECT 1`),
        await caught(() => db.$transaction(async (tx) => tx.user.count())),
      ];
      for (const error of errors) {
        expect(error).not.toBeNull();
        expect(isDatabaseUnavailable(error)).toBe(true);
      }
    } finally {
      await db.$disconnect();
    }
    const client = new pg.Client({ connectionString: url });
    client.on("error", () => {});
    expect(isDatabaseUnavailable(await caught(() => client.connect()))).toBe(true);
  });

  it("recognises a server ending the session (FATAL, restart, refusing connections)", () => {
    const fatal = (code: string, message: string) =>
      Object.assign(new Error(message), { code, severity: "FATAL" });
    expect(
      isDatabaseUnavailable(fatal("57P01", "terminating connection due to administrator command")),
    ).toBe(true);
    expect(
      isDatabaseUnavailable(fatal("55000", 'database "x" is not currently accepting connections')),
    ).toBe(true);
    expect(isDatabaseUnavailable(new Error("Connection terminated unexpectedly"))).toBe(true);
    expect(isDatabaseUnavailable(new Error("timeout exceeded when trying to connect"))).toBe(true);
    // Wrapped as the driver adapter and Prisma wrap it.
    const adapter = Object.assign(new Error("DriverAdapterError"), {
      cause: { kind: "postgres", code: "57P01", severity: "FATAL" },
    });
    expect(isDatabaseUnavailable({ code: "P2010", meta: { driverAdapterError: adapter } })).toBe(
      true,
    );
  });

  it("leaves every other error alone", () => {
    const unique = Object.assign(new Error("duplicate key"), { code: "23505", severity: "ERROR" });
    const denied = Object.assign(new Error("permission denied for table AuditEvent"), {
      code: "42501",
      severity: "ERROR",
    });
    for (const error of [
      unique,
      denied,
      { code: "P2002" },
      new AppError("NOT_FOUND", "No such app."),
      new Error("Something else"),
      null,
      "text",
    ])
      expect(isDatabaseUnavailable(error)).toBe(false);
  });
});

describe("retryWhileUnavailable", () => {
  it("tries again through a short outage, and gives up on anything else at once", async () => {
    let calls = 0;
    const refused = Object.assign(new Error("connect ECONNREFUSED"), { code: "ECONNREFUSED" });
    const result = await retryWhileUnavailable(
      async () => {
        if (++calls < 3) throw refused;
        return "written";
      },
      { delayMs: 10 },
    );
    expect({ result, calls }).toEqual({ result: "written", calls: 3 });

    calls = 0;
    const other = new Error("check constraint");
    await expect(
      retryWhileUnavailable(async () => {
        calls++;
        throw other;
      }),
    ).rejects.toBe(other);
    expect(calls).toBe(1);
    await expect(
      retryWhileUnavailable(
        async () => {
          throw refused;
        },
        { timeoutMs: 50, delayMs: 10 },
      ),
    ).rejects.toBe(refused);
  });
});
