import "server-only";
import { headers } from "next/headers";
import { ipFromHeaders } from "../http/client-ip";
import { isBehindFrontServer } from "../instance";

/** The client's address as the front server worked it out (null when not served by it). */
export async function requestIp(): Promise<string | null> {
  if (!isBehindFrontServer()) return null;
  const h = await headers();
  return ipFromHeaders((name) => h.get(name));
}
