// An RFC 7591 / RFC 7592 client over the guarded outbound fetch: create a registration with the
// initial access token, then read, update and delete it with its registration access token. Every
// failure becomes a RegistrationError whose message is the server's own error, word for word.
import { guardedFetch, OutboundError, type OutboundPolicy } from "../net";
import type { ClientMetadata } from "./metadata";

export type RegistrationHandle = { registrationClientUri: string; registrationAccessToken: string };

export type Registration = RegistrationHandle & {
  clientId: string;
  /** The metadata as the server holds it. */
  metadata: Record<string, unknown>;
};

type Transport = { policy: OutboundPolicy; timeoutMs: number };

export class RegistrationError extends Error {
  constructor(
    message: string,
    /** The HTTP status, when the server answered. */
    readonly status?: number,
    /** The OAuth error code (`invalid_client_metadata`, …), when it sent one. */
    readonly code?: string,
  ) {
    super(message);
    this.name = "RegistrationError";
  }
}

/** `error: error_description` as the server sent it; otherwise its status and the start of its body. */
function errorOf(status: number, text: string): RegistrationError {
  try {
    const body = JSON.parse(text) as { error?: unknown; error_description?: unknown };
    if (typeof body.error === "string") {
      const description =
        typeof body.error_description === "string" ? `: ${body.error_description}` : "";
      return new RegistrationError(`${body.error}${description}`, status, body.error);
    }
  } catch {
    // not JSON: reported as text below
  }
  return new RegistrationError(`HTTP ${status}${text ? `: ${text.slice(0, 300)}` : ""}`, status);
}

async function send(
  transport: Transport,
  method: string,
  url: string,
  token: string | null,
  body?: unknown,
) {
  try {
    return await guardedFetch(url, {
      method,
      policy: transport.policy,
      timeoutMs: transport.timeoutMs,
      headers: {
        Accept: "application/json",
        ...(body === undefined ? {} : { "Content-Type": "application/json" }),
        ...(token ? { Authorization: `Bearer ${token}` } : {}),
      },
      body: body === undefined ? undefined : JSON.stringify(body),
    });
  } catch (error) {
    const reason = error instanceof OutboundError ? error.message : String(error);
    throw new RegistrationError(`The authorization server did not answer: ${reason}`);
  }
}

function registrationOf(text: string, fallback?: RegistrationHandle): Registration {
  const body = JSON.parse(text) as Record<string, unknown>;
  const uri = body.registration_client_uri ?? fallback?.registrationClientUri;
  const token = body.registration_access_token ?? fallback?.registrationAccessToken;
  if (typeof body.client_id !== "string" || typeof uri !== "string" || typeof token !== "string")
    throw new RegistrationError(
      "The authorization server's answer lacks client_id, registration_client_uri or registration_access_token.",
    );
  return {
    clientId: body.client_id,
    registrationClientUri: uri,
    registrationAccessToken: token,
    metadata: body,
  };
}

/** RFC 7591: POST the metadata (with the portal's client id, and its secret when there is one). */
export async function createRegistration(
  transport: Transport & { registrationEndpoint: string; initialAccessToken: string | null },
  metadata: ClientMetadata & { client_secret?: string },
): Promise<Registration> {
  const res = await send(
    transport,
    "POST",
    transport.registrationEndpoint,
    transport.initialAccessToken,
    metadata,
  );
  if (res.status !== 201 && res.status !== 200) throw errorOf(res.status, res.text());
  return registrationOf(res.text());
}

/** RFC 7592 read; null when the server no longer knows the registration (401, 403, 404). */
export async function readRegistration(
  transport: Transport,
  handle: RegistrationHandle,
): Promise<Registration | null> {
  const res = await send(
    transport,
    "GET",
    handle.registrationClientUri,
    handle.registrationAccessToken,
  );
  if ([401, 403, 404].includes(res.status)) return null;
  if (res.status !== 200) throw errorOf(res.status, res.text());
  return registrationOf(res.text(), handle);
}

/** RFC 7592 update: the full metadata replaces what the server holds. */
export async function updateRegistration(
  transport: Transport,
  handle: RegistrationHandle,
  metadata: ClientMetadata,
): Promise<Registration> {
  const res = await send(
    transport,
    "PUT",
    handle.registrationClientUri,
    handle.registrationAccessToken,
    metadata,
  );
  if (res.status !== 200) throw errorOf(res.status, res.text());
  return registrationOf(res.text(), handle);
}

/** RFC 7592 delete; a registration already gone counts as deleted. */
export async function deleteRegistration(
  transport: Transport,
  handle: RegistrationHandle,
): Promise<void> {
  const res = await send(
    transport,
    "DELETE",
    handle.registrationClientUri,
    handle.registrationAccessToken,
  );
  if (res.status === 204 || res.status === 200 || [401, 403, 404].includes(res.status)) return;
  throw errorOf(res.status, res.text());
}
