import "server-only";
import { headers } from "next/headers";
import { ipFromHeaders } from "../http/client-ip";

export async function requestIp(): Promise<string | null> {
  const h = await headers();
  return ipFromHeaders((name) => h.get(name));
}
