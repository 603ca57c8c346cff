// For tests: a scripted browser (fetch with a cookie jar and manual redirects) that walks the
// embedded authorization server's sign-in, patient-picker and consent pages by posting their forms.
import { expect } from "vitest";

/** A browser's cookie jar and manual redirects, enough for the authorization server's pages. */
export class Browser {
  private cookies = new Map<string, string>();

  /** `redirect`: the app's redirect URI, where following stops. */
  constructor(private readonly redirect: string) {}

  async request(url: string, init: { method?: string; form?: Record<string, string> } = {}) {
    const res = await fetch(url, {
      method: init.method ?? (init.form ? "POST" : "GET"),
      redirect: "manual",
      headers: {
        cookie: [...this.cookies].map(([k, v]) => `${k}=${v}`).join("; "),
        ...(init.form ? { "content-type": "application/x-www-form-urlencoded" } : {}),
      },
      body: init.form ? new URLSearchParams(init.form).toString() : undefined,
    });
    for (const line of res.headers.getSetCookie()) {
      const [pair, ...attributes] = line.split(";");
      const [name, value] = pair!.split("=") as [string, string];
      if (attributes.some((a) => /expires=Thu, 01 Jan 1970/i.test(a))) this.cookies.delete(name);
      else this.cookies.set(name.trim(), value);
    }
    return res;
  }

  /** Follows redirects until a page (2xx/4xx) or the app's redirect URI. */
  async follow(url: string, init?: { form?: Record<string, string> }): Promise<Response | URL> {
    let res = await this.request(url, init);
    for (let hops = 0; res.status >= 300 && res.status < 400; hops++) {
      const location = new URL(res.headers.get("location")!, url);
      if (location.href.startsWith(this.redirect)) return location;
      if (hops > 10) throw new Error("redirect loop");
      url = location.href;
      res = await this.request(url);
    }
    return res;
  }
}

/** Signs in and consents; returns the app's callback URL. */
export async function walkLaunch(
  browser: Browser,
  origin: string,
  launchUrl: string,
  {
    username = "alex@patients.test",
    password = "Correct-Horse-Battery-9",
    patient = "sam-rivera",
  } = {},
) {
  const signIn = await browser.follow(launchUrl);
  expect(signIn).toBeInstanceOf(Response);
  const signInPage = signIn as Response;
  expect(signInPage.headers.get("x-handler")).toBe("next");
  const { url: loginPage } = (await signInPage.json()) as { url: string };
  const consent = await browser.follow(`${origin}${loginPage}/login`, {
    form: { username, password },
  });
  if (consent instanceof URL) return consent;
  const { url: consentPage } = (await consent.json()) as { url: string };
  if (consentPage.includes("error=")) return consentPage;
  const done = await browser.follow(`${origin}${consentPage.split("?")[0]}/consent`, {
    form: { patient },
  });
  // Back on a page: the URL it shows (with the error the page explains).
  return done instanceof URL ? done : ((await done.json()) as { url: string }).url;
}
