// In the browser, "zod" resolves to this module (next.config.js). Zod otherwise probes for
// `new Function` when a schema is built, and the portal's Content-Security-Policy (no
// 'unsafe-eval') reports that probe as a violation even though Zod catches it.
import { config } from "zod/v4/core";

config({ jitless: true });

export * from "zod/v4";
export { default } from "zod/v4";
