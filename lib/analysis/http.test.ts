import { describe, expect, it } from "vitest";
import { MAX_BODY_BYTES } from "../http/body";
import { ZApiError } from "../http/result";
import { ZAnalyzeResponse } from "../scopes/schemas";
import { analyzeRequestBody, handleAnalyzeRequest } from "./http";

const post = (body: BodyInit | null, contentType: string | null = "application/json") =>
  handleAnalyzeRequest(
    new Request("http://localhost/api/v1/scopes/analyze", {
      method: "POST",
      headers: contentType ? { "content-type": contentType } : {},
      body,
      ...(body instanceof ReadableStream ? { duplex: "half" } : {}),
    } as RequestInit),
  );

describe("POST /api/v1/scopes/analyze handling", () => {
  it("200 with the analysis for a string or an array", async () => {
    for (const scopes of ["patient/Observation.rs openid", ["patient/Observation.rs", "openid"]]) {
      const r = await post(JSON.stringify({ scopes, clientType: "confidential" }));
      expect(r.status).toBe(200);
      expect(ZAnalyzeResponse.parse(r.body).scopes).toHaveLength(2);
    }
  });
  it("accepts application/json with a charset and +json types", async () => {
    expect(
      (await post(JSON.stringify({ scopes: "openid" }), "application/json; charset=utf-8")).status,
    ).toBe(200);
    expect(
      (await post(JSON.stringify({ scopes: "openid" }), "application/vnd.api+json")).status,
    ).toBe(200);
  });
  it("415 for a non-JSON content type or none", async () => {
    for (const type of ["text/plain", "application/x-www-form-urlencoded", null]) {
      const r = await post("scopes=openid", type);
      expect(r.status).toBe(415);
      expect(ZApiError.parse(r.body).error.code).toBe("UNSUPPORTED_MEDIA_TYPE");
    }
  });
  it("400 INVALID_INPUT for malformed JSON", async () => {
    const r = await post("{scopes:");
    expect(r).toEqual({
      status: 400,
      body: {
        error: { code: "INVALID_INPUT", message: expect.stringContaining("not valid JSON") },
      },
    });
  });
  it("400 INVALID_INPUT with issues for wrong types", async () => {
    for (const body of [
      { scopes: 42 },
      { scopes: ["ok", 7] },
      {},
      [],
      "x",
      null,
      { scopes: "openid", clientType: "mobile" },
      { scopes: "openid", extra: 1 },
    ]) {
      const r = await post(JSON.stringify(body));
      expect(r.status, JSON.stringify(body)).toBe(400);
      const error = ZApiError.parse(r.body).error;
      expect(error.code).toBe("INVALID_INPUT");
      expect(error.issues!.length).toBeGreaterThan(0);
    }
  });
  it("413 for more than 200 scopes", async () => {
    const r = await post(JSON.stringify({ scopes: Array.from({ length: 201 }, () => "openid") }));
    expect(r.status).toBe(413);
    expect(ZApiError.parse(r.body).error.code).toBe("TOO_MANY_SCOPES");
    expect((await post(JSON.stringify({ scopes: "openid ".repeat(201) }))).status).toBe(413);
    expect(
      (await post(JSON.stringify({ scopes: Array.from({ length: 200 }, () => "openid") }))).status,
    ).toBe(200);
  });
  it("413 for a body over 16 KB, without trusting Content-Length", async () => {
    const big = JSON.stringify({ scopes: "x".repeat(MAX_BODY_BYTES) });
    expect((await post(big)).status).toBe(413);
    let pulls = 0;
    const endless = new ReadableStream<Uint8Array>({
      pull(controller) {
        pulls++;
        controller.enqueue(new Uint8Array(4096).fill(32));
      },
    });
    const r = await post(endless);
    expect(r.status).toBe(413);
    expect(pulls).toBeLessThan(10);
  });
  it("400 for a body that is not UTF-8", async () => {
    expect((await post(new Uint8Array([0x7b, 0xff, 0x7d]))).status).toBe(400);
  });
  it("the pure body handler needs no Request", () => {
    expect(analyzeRequestBody('{"scopes":"openid"}').status).toBe(200);
    expect(analyzeRequestBody('{"scopes":""}')).toMatchObject({
      status: 200,
      body: { valid: false, scopes: [] },
    });
  });
});
