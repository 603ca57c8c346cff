// Checking fuzzed answers against the OpenAPI document, and tallying them for reach assertions.
import { request as httpRequest } from "node:http";
import { expect } from "vitest";
import { httpStatusOf, type ErrorCode } from "@/lib/errors";
import { ZApiError } from "@/lib/http/result";
import { buildOpenApiDocument } from "@/lib/openapi/document";

const doc = buildOpenApiDocument();
type Schema = { properties?: Record<string, Schema>; enum?: string[] };
type Responses = Record<string, { content?: Record<string, { schema: Schema }> }>;
const responsesOf = (path: string, method: string) =>
  (doc.paths?.[path] as Record<string, { responses: Responses }>)[method]!.responses;

/** Status tallies per route: the reach assertions read them. */
export const tally = new Map<string, number[]>();
const record = (route: string, status: number) =>
  tally.set(route, [...(tally.get(route) ?? []), status]);

export type Answer = { status: number; contentType: string | null; text: string };

/** No 5xx, a status the document lists for the operation, and an error body of the vocabulary. */
export function expectDocumented(route: string, op: [string, string] | null, answer: Answer) {
  record(route, answer.status);
  const where = `${route} answered ${answer.status}: ${answer.text.slice(0, 200)}`;
  expect(answer.status, where).toBeLessThan(500);
  const responses = op ? responsesOf(...op) : null;
  if (responses) expect(Object.keys(responses), where).toContain(String(answer.status));
  else expect(answer.status, where).toBe(404); // the decision server's unknown endpoints
  if (answer.status < 400 || !answer.contentType?.includes("json")) return;
  const { code } = ZApiError.parse(JSON.parse(answer.text)).error;
  expect(httpStatusOf[code as ErrorCode], where).toBe(answer.status);
  const documented = responses?.[answer.status]?.content?.["application/json"]?.schema;
  if (documented)
    expect(documented.properties?.error?.properties?.code?.enum, where).toContain(code);
}

export const answerOf = async (res: Response): Promise<Answer> => ({
  status: res.status,
  contentType: res.headers.get("content-type"),
  text: await res.text(),
});

type RawRequest = {
  method: string;
  path: string;
  headers: Record<string, string>;
  body?: string | Uint8Array;
};

/** One request to a node:http server, sent as given (broken percent-encoding included). */
export const sendRaw = (port: number, req: RawRequest) =>
  new Promise<Answer>((resolve, reject) => {
    const outgoing = httpRequest(
      { host: "127.0.0.1", port, method: req.method, path: req.path, headers: req.headers },
      (res) => {
        const chunks: Buffer[] = [];
        res.on("data", (c: Buffer) => chunks.push(c));
        res.on("end", () =>
          resolve({
            status: res.statusCode!,
            contentType: res.headers["content-type"] ?? null,
            text: Buffer.concat(chunks).toString(),
          }),
        );
      },
    );
    outgoing.on("error", reject);
    outgoing.end(req.body);
  });
