// The instance the crash test kills: a real job runner on DATABASE_URL that gets each job's work
// under way and then stops in the middle of it, as a process does the moment it is killed. It
// tells the test (over IPC) where each job stands.
//   reviews.tick       opens the due campaign (committed), then never returns
//   webhooks.dispatch  claims the deliveries and POSTs them; the test's receiver never answers
//   mail.deliver       claims the first message and starts sending it; the send never finishes
import { createPrismaClient } from "../database/client";
import type { Mailer } from "../notifications/mail";
import { scenarioJobs } from "./recovery-scenario.test-util";
import { startJobRunner } from "./runner";

const say = (message: string) => process.send?.(message);
const never = () => new Promise<never>(() => {});

const url = process.env.DATABASE_URL;
if (!url) throw new Error("DATABASE_URL is required");
const db = createPrismaClient(url, { poolSize: 3 });
const stuckMailer: Mailer = {
  describe: "stuck",
  send: async () => {
    say("mail: sending");
    return never();
  },
};
const jobs = scenarioJobs(stuckMailer, async (name, run) => {
  await run();
  if (name !== "reviews.tick") return;
  say("reviews: opened");
  await never();
});
const runner = await startJobRunner({ databaseUrl: url, db, jobs, log: { info() {}, error() {} } });
for (const job of jobs) await runner.kick(job.name);
say("started");
// Kept alive by the pending work; the test ends it with SIGKILL.
setInterval(() => {}, 60_000);
process.on("disconnect", () => process.exit(0));
