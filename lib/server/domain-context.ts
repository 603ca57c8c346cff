import "server-only";
import { getEnv } from "../env";

/** What domain functions need from the running app: the public address for links in mail. */
export const domainContext = () => ({ appUrl: getEnv().APP_URL });
