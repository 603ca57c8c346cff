// oidc-provider's storage on the portal's database (one AuthServerRecord row per model instance),
// so restarts and other instances see the same clients, grants, tokens and sessions. Ids are kept
// hashed and the payload's copy of the id (`jti`) is dropped: a token's id is the token itself.
// Client secrets are encrypted (oidc-provider compares them in plain text, so no hash will do).
import type { Adapter, AdapterPayload } from "oidc-provider";
import type { Prisma } from "../generated/prisma/client";
import type { Db } from "../database/client";
import { isUniqueViolation } from "../errors";
import { decryptSecret, encryptSecret } from "../webhooks/secrets";
import { hashId, liveRecord } from "./records";

export type AdapterOptions = {
  encryptionKey: Buffer;
  /** True while a client is being registered (RFC 7591 POST), when an existing id must not be overwritten. */
  isRegistering: () => boolean;
  /** Thrown when a registration proposes a client id that is taken. */
  clientIdTaken: () => Error;
};

/** Rows also found by uid or user code keep their id, encrypted, to be returned by those reads. */
const SEALED_ID = "sealedJti";

function toStored(kind: string, id: string, payload: AdapterPayload, key: Buffer) {
  const stored: Record<string, unknown> = { ...payload };
  if (stored.jti === id) {
    delete stored.jti;
    if (payload.uid ?? payload.userCode) stored[SEALED_ID] = encryptSecret(id, key);
  }
  if (kind === "Client" && typeof stored.client_secret === "string")
    stored.client_secret = encryptSecret(stored.client_secret, key);
  return stored as Prisma.InputJsonObject;
}

function fromStored(
  kind: string,
  id: string,
  row: { payload: unknown; consumedAt: Date | null },
  key: Buffer,
): AdapterPayload {
  const payload = { ...(row.payload as Record<string, unknown>) };
  delete payload[SEALED_ID];
  if (kind === "Client") {
    if (typeof payload.client_secret === "string")
      payload.client_secret = decryptSecret(payload.client_secret, key);
  } else {
    payload.jti = id;
  }
  if (row.consumedAt) payload.consumed = Math.floor(row.consumedAt.getTime() / 1000);
  return payload as AdapterPayload;
}

class AuthServerAdapter implements Adapter {
  constructor(
    private readonly db: Db,
    private readonly kind: string,
    private readonly options: AdapterOptions,
  ) {}

  async upsert(id: string, payload: AdapterPayload, expiresIn?: number): Promise<void> {
    const key = { kind: this.kind, idHash: hashId(id) };
    const lookup = payload.uid ?? payload.userCode;
    const data = {
      payload: toStored(this.kind, id, payload, this.options.encryptionKey),
      grantHash: payload.grantId ? hashId(payload.grantId) : null,
      lookupHash: lookup ? hashId(lookup) : null,
      expiresAt: expiresIn ? new Date(Date.now() + expiresIn * 1000) : null,
    };
    if (this.kind === "Client" && this.options.isRegistering()) {
      try {
        await this.db.authServerRecord.create({ data: { ...key, ...data } });
      } catch (error) {
        if (isUniqueViolation(error)) throw this.options.clientIdTaken();
        throw error;
      }
      return;
    }
    await this.db.authServerRecord.upsert({
      where: { kind_idHash: key },
      create: { ...key, ...data },
      update: { ...data, consumedAt: null },
    });
  }

  async find(id: string): Promise<AdapterPayload | undefined> {
    const row = await this.db.authServerRecord.findFirst({
      where: liveRecord(this.kind, id),
      select: { payload: true, consumedAt: true },
    });
    return row ? fromStored(this.kind, id, row, this.options.encryptionKey) : undefined;
  }

  private async findByLookup(value: string): Promise<AdapterPayload | undefined> {
    const row = await this.db.authServerRecord.findFirst({
      where: {
        kind: this.kind,
        lookupHash: hashId(value),
        OR: [{ expiresAt: null }, { expiresAt: { gt: new Date() } }],
      },
      select: { payload: true, consumedAt: true },
    });
    const sealed = (row?.payload as Record<string, unknown> | undefined)?.[SEALED_ID];
    if (!row || typeof sealed !== "string") return undefined;
    const id = decryptSecret(sealed, this.options.encryptionKey);
    return fromStored(this.kind, id, row, this.options.encryptionKey);
  }

  findByUid(uid: string) {
    return this.findByLookup(uid);
  }

  findByUserCode(userCode: string) {
    return this.findByLookup(userCode);
  }

  async consume(id: string): Promise<void> {
    await this.db.authServerRecord.updateMany({
      where: { kind: this.kind, idHash: hashId(id) },
      data: { consumedAt: new Date() },
    });
  }

  async destroy(id: string): Promise<void> {
    await this.db.authServerRecord.deleteMany({ where: { kind: this.kind, idHash: hashId(id) } });
  }

  async revokeByGrantId(grantId: string): Promise<void> {
    await this.db.authServerRecord.deleteMany({ where: { grantHash: hashId(grantId) } });
  }
}

export function createAdapterFactory(db: Db, options: AdapterOptions) {
  return (kind: string): Adapter => new AuthServerAdapter(db, kind, options);
}
