// The promise of lib/jobs/runner.ts, with its production lease and maintenance settings: after a
// kill -9 of an instance mid-job, or a database restart mid-job, review ticks, webhook dispatch and
// mail resume within 2 minutes, nothing is done twice and nothing is lost.
import { spawn } from "node:child_process";
import { once } from "node:events";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { createPrismaClient } from "../database/client";
import { createTestDatabase } from "../database/test-database";
import type { Mailer } from "../notifications/mail";
import {
  queueWork,
  readOutcome,
  scenarioJobs,
  seedScenario,
  startReceiver,
} from "./recovery-scenario.test-util";
import { startJobRunner } from "./runner";

const BOUND_MS = 120_000;
const quiet = { info: () => {}, error: () => {} };
const child = fileURLToPath(new URL("./crash-child.test-util.ts", import.meta.url));
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

async function until(check: () => boolean | Promise<boolean>, timeoutMs: number, what: string) {
  const started = Date.now();
  while (!(await check())) {
    if (Date.now() - started > timeoutMs) throw new Error(`${what}: not within ${timeoutMs} ms`);
    await sleep(250);
  }
}

/** A mailer that records each message it delivered (by recipient and text, which differ per message). */
function recordingMailer(delayMs = 0) {
  const sent: string[] = [];
  const state = { isSending: false };
  const mailer: Mailer = {
    describe: "recording",
    send: async (mail) => {
      state.isSending = true;
      await sleep(delayMs);
      sent.push(`${mail.to} | ${mail.text}`);
    },
  };
  return { mailer, sent, state };
}

async function setUp() {
  const database = await createTestDatabase();
  const db = createPrismaClient(database.url, { poolSize: 5 });
  return {
    database,
    db,
    tearDown: async () => {
      await db.$disconnect();
      await database.drop();
    },
  };
}

describe("jobs after a crash or a database restart", () => {
  it("kill -9 of an instance mid-job: the surviving instance resumes every job within 2 minutes, exactly once", async () => {
    const { database, db, tearDown } = await setUp();
    const receiver = await startReceiver({ isHolding: true });
    const instance = spawn(process.execPath, ["--import", "tsx", child], {
      env: { ...process.env, DATABASE_URL: database.url },
      stdio: ["ignore", "inherit", "inherit", "ipc"],
    });
    const survivorMail = recordingMailer();
    let survivor: Awaited<ReturnType<typeof startJobRunner>> | undefined;
    try {
      const seeded = await seedScenario(db, receiver.url);
      const said = new Set<string>();
      instance.on("message", (message) => said.add(String(message)));
      await until(
        () => said.has("reviews: opened") && said.has("mail: sending") && receiver.state.held >= 2,
        90_000,
        "the instance to be in the middle of every job",
      );
      survivor = await startJobRunner({
        databaseUrl: database.url,
        db,
        jobs: scenarioJobs(survivorMail.mailer),
        log: quiet,
      });
      await sleep(1000);
      receiver.state.isHolding = false;
      instance.kill("SIGKILL");
      await once(instance, "exit");
      const killedAt = Date.now();
      // Work that comes due after the crash must be done too.
      await db.reviewSchedule.update({
        where: { id: seeded.scheduleB },
        data: { nextRunAt: new Date() },
      });

      const resumedAfter: Partial<Record<"reviews" | "webhooks" | "mail", number>> = {};
      await until(
        async () => {
          const outcome = await readOutcome(db, seeded);
          const elapsed = Date.now() - killedAt;
          if (outcome.campaignsB > 0) resumedAfter.reviews ??= elapsed;
          if (outcome.areDeliveriesDone) resumedAfter.webhooks ??= elapsed;
          if (outcome.areMailsSent("before")) resumedAfter.mail ??= elapsed;
          return Object.keys(resumedAfter).length === 3;
        },
        BOUND_MS + 30_000,
        "every job to resume",
      );
      const seconds = (ms?: number) => `${((ms ?? 0) / 1000).toFixed(1)} s`;
      console.info(
        `[${database.backend}] after kill -9 mid-job: reviews resumed in ${seconds(resumedAfter.reviews)}, ` +
          `webhooks in ${seconds(resumedAfter.webhooks)}, mail in ${seconds(resumedAfter.mail)}`,
      );
      for (const ms of Object.values(resumedAfter)) expect(ms).toBeLessThanOrEqual(BOUND_MS);

      const outcome = await readOutcome(db, seeded);
      expect({ a: outcome.campaignsA, b: outcome.campaignsB }).toEqual({ a: 1, b: 1 });
      expect(outcome.deliveries).toHaveLength(2);
      expect([...receiver.answered.values()]).toEqual([1, 1]);
      expect(new Set(survivorMail.sent).size).toBe(survivorMail.sent.length);
      for (const i of [0, 1, 2])
        expect(survivorMail.sent.filter((m) => m.startsWith(`before-${i}@`))).toHaveLength(1);
      expect(outcome.mails.filter((m) => m.status === "sending")).toEqual([]);
    } finally {
      if (instance.exitCode === null && instance.signalCode === null) instance.kill("SIGKILL");
      await survivor?.stop();
      await receiver.close();
      await tearDown();
    }
  }, 300_000);

  it("a database restart mid-job: the runner carries on once the database is back, exactly once", async () => {
    const { database, db, tearDown } = await setUp();
    const receiver = await startReceiver({ isHolding: false, delayMs: 1000 });
    const slowMail = recordingMailer(1500);
    const jobs = scenarioJobs(slowMail.mailer);
    let runner: Awaited<ReturnType<typeof startJobRunner>> | undefined;
    try {
      const seeded = await seedScenario(db, receiver.url);
      runner = await startJobRunner({ databaseUrl: database.url, db, jobs, log: quiet });
      for (const job of jobs) await runner.kick(job.name);
      await until(
        () => slowMail.state.isSending && receiver.state.received > 0,
        60_000,
        "mail and webhooks to be on their way",
      );
      // The restart: every session ends, and new ones are refused for 3 s.
      await database.refuseConnections();
      await sleep(3000);
      await database.acceptConnections();
      const restoredAt = Date.now();
      await queueWork(db, seeded, "after", 2, 1);
      await db.reviewSchedule.update({
        where: { id: seeded.scheduleB },
        data: { nextRunAt: new Date() },
      });
      for (const job of jobs) await runner.kick(job.name);
      await until(
        async () => {
          const outcome = await readOutcome(db, seeded);
          return (
            outcome.campaignsB === 1 &&
            outcome.areDeliveriesDone &&
            outcome.areMailsSent("before", "after")
          );
        },
        BOUND_MS,
        "the work from before and after the restart to be done",
      );
      const recoveredMs = Date.now() - restoredAt;
      console.info(
        `[${database.backend}] after a 3 s database restart mid-job: all work done ${(recoveredMs / 1000).toFixed(1)} s after the database was back`,
      );
      expect(recoveredMs).toBeLessThanOrEqual(BOUND_MS);

      const outcome = await readOutcome(db, seeded);
      expect({ a: outcome.campaignsA, b: outcome.campaignsB }).toEqual({ a: 1, b: 1 });
      expect(outcome.deliveries).toHaveLength(3);
      expect([...receiver.answered.values()]).toEqual([1, 1, 1]);
      expect(new Set(slowMail.sent).size).toBe(slowMail.sent.length);
      expect(slowMail.sent.filter((m) => /^(before|after)-/.test(m))).toHaveLength(5);
    } finally {
      await database.acceptConnections().catch(() => {});
      await runner?.stop();
      await receiver.close();
      await tearDown();
    }
  }, 300_000);
});
