/**
 * Scope engine CLI.
 *
 *   npm run --silent scopes -- analyze "<scopes>" [--client-type public|confidential|backend]
 *   npm run --silent scopes -- covers --granted "<scopes>" --requested "<scopes>"
 *
 * Prints JSON on stdout; exit code 0 when it ran, 2 on bad arguments.
 */
import { pathToFileURL } from "node:url";
import { parseArgs } from "node:util";
import { z } from "zod";
import { analyzeScopes } from "../lib/analysis/analyze";
import { coversAll, ZClientType } from "../lib/scopes/index";

export const USAGE = `Usage:
  scopes analyze "<space-separated scopes>" [--client-type public|confidential|backend]
      Prints the analysis JSON (the same as POST /api/v1/scopes/analyze).
  scopes covers --granted "<scopes>" --requested "<scopes>"
      Prints {"covered": boolean, "uncovered": [...]}: whether the granted scopes allow every requested one.
  scopes --help
      Prints this help.

Exit codes: 0 when the command ran (whatever the verdict), 2 on bad or missing arguments.`;

const ZAnalyzeArgs = z.strictObject({
  command: z.literal("analyze"),
  scopes: z.string({ error: "analyze needs the scopes as one quoted argument." }),
  clientType: ZClientType.optional(),
});

const ZCoversArgs = z.strictObject({
  command: z.literal("covers"),
  granted: z.string({ error: 'covers needs --granted "<scopes>".' }),
  requested: z.string({ error: 'covers needs --requested "<scopes>".' }),
});

const ZArgs = z.discriminatedUnion("command", [ZAnalyzeArgs, ZCoversArgs], {
  error: 'The command must be "analyze" or "covers".',
});

const flagName = (key: string) => `--${key.replace(/[A-Z]/g, (c) => `-${c.toLowerCase()}`)}`;

export interface CliResult {
  code: number;
  stdout: string;
  stderr: string;
}

export function runCli(argv: readonly string[]): CliResult {
  let parsed;
  try {
    parsed = parseArgs({
      args: [...argv],
      allowPositionals: true,
      strict: true,
      options: {
        help: { type: "boolean", short: "h" },
        "client-type": { type: "string" },
        granted: { type: "string" },
        requested: { type: "string" },
      },
    });
  } catch (error) {
    return { code: 2, stdout: "", stderr: `${(error as Error).message}\n\n${USAGE}\n` };
  }
  const { values, positionals } = parsed;
  if (values.help) return { code: 0, stdout: `${USAGE}\n`, stderr: "" };
  if (positionals.length > (positionals[0] === "analyze" ? 2 : 1)) {
    return {
      code: 2,
      stdout: "",
      stderr: `Unexpected argument: ${positionals.slice(positionals[0] === "analyze" ? 2 : 1).join(" ")} (quote the scopes as one argument).\n\n${USAGE}\n`,
    };
  }
  const options = {
    ...(values["client-type"] !== undefined && { clientType: values["client-type"] }),
    ...(values.granted !== undefined && { granted: values.granted }),
    ...(values.requested !== undefined && { requested: values.requested }),
  };
  const candidate =
    positionals[0] === "analyze"
      ? { command: "analyze", scopes: positionals[1], ...options }
      : { command: positionals[0], ...options };
  const args = ZArgs.safeParse(candidate);
  if (!args.success) {
    const messages = args.error.issues.map((i) =>
      i.code === "unrecognized_keys"
        ? `Option not valid for this command: ${i.keys.map(flagName).join(", ")}`
        : i.message,
    );
    return { code: 2, stdout: "", stderr: `${messages.join("\n")}\n\n${USAGE}\n` };
  }
  const result =
    args.data.command === "analyze"
      ? analyzeScopes(args.data.scopes, { clientType: args.data.clientType })
      : coversAll(args.data.granted, args.data.requested);
  return { code: 0, stdout: `${JSON.stringify(result, null, 2)}\n`, stderr: "" };
}

if (process.argv[1] && import.meta.url === pathToFileURL(process.argv[1]).href) {
  const { code, stdout, stderr } = runCli(process.argv.slice(2));
  process.stdout.write(stdout);
  process.stderr.write(stderr);
  process.exitCode = code;
}
