import { describe, expect, it } from "vitest";
import { routeOf } from "./routes";

describe("front server routing", () => {
  it("sends each path family to its handler", () => {
    const cases: [string, string, string][] = [
      ["POST", "/api/v1/decisions", "enforcement"],
      ["GET", "/api/v1/decisions/nginx?x=1", "enforcement"],
      ["GET", "/api/v1/clients/abc/grants", "enforcement"],
      ["GET", "/api/v1/clients/abc/grants/extra", "next"],
      ["GET", "/api/v1/export", "next"],
      ["GET", "/oauth/.well-known/smart-configuration", "authorization-server"],
      ["POST", "/oauth/token", "authorization-server"],
      ["POST", "/oauth/interaction/abc/login", "authorization-server"],
      ["GET", "/oauth/interaction/abc", "interaction-page"],
      ["GET", "/oauthentic", "next"],
      ["GET", "/", "next"],
    ];
    for (const [method, url, to] of cases) expect(routeOf(method, url, "/oauth").to, url).toBe(to);
  });

  it("leaves /oauth to Next.js when the tokens come from an external server", () => {
    expect(routeOf("GET", "/oauth/token", null).to).toBe("next");
  });
});
