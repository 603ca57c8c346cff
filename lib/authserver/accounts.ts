// The authorization server's end users (the FHIR API's patients and clinicians): sign-in with
// the portal's argon2id hashes and failure throttling, and the claims an app receives.
import type { Db, Tx } from "../database/client";
import { AppError } from "../errors";
import { hashPassword, verifyAgainstDummy, verifyPassword } from "../users/password";
import { assertNotThrottled, recordFailure, recordSuccess } from "../users/throttle";

export type EndUserAccount = {
  id: string;
  name: string;
  kind: "patient" | "clinician";
  fhirUser: string;
  patients: { id: string; name: string }[];
};

const normalizeUsername = (username: string) => username.trim().toLowerCase();

/** The account for a correct username and password, or null; throws RATE_LIMITED when throttled. */
export async function verifyEndUserCredentials(
  db: Db,
  input: { username: string; password: string; ip: string | null },
): Promise<{ id: string } | null> {
  const username = normalizeUsername(input.username);
  // End users have no session history to tell a known address by.
  const attempt = { account: `end-user:${username}`, ip: input.ip, isKnownSource: false };
  await assertNotThrottled(db, attempt);
  const user = await db.endUser.findUnique({
    where: { username },
    select: { id: true, status: true, passwordHash: true },
  });
  if (!user) await verifyAgainstDummy(input.password);
  const isValid =
    !!user && user.status === "active" && (await verifyPassword(user.passwordHash, input.password));
  if (!isValid) {
    await recordFailure(db, attempt);
    return null;
  }
  await recordSuccess(db, attempt);
  return { id: user.id };
}

export async function findEndUserAccount(db: Tx, id: string): Promise<EndUserAccount | null> {
  if (!/^[0-9a-f-]{36}$/i.test(id)) return null;
  const user = await db.endUser.findFirst({
    where: { id, status: "active" },
    select: {
      id: true,
      name: true,
      kind: true,
      fhirUser: true,
      patients: { select: { patientId: true, name: true }, orderBy: { name: "asc" } },
    },
  });
  if (!user) return null;
  const own = user.fhirUser.startsWith("Patient/") ? user.fhirUser.slice("Patient/".length) : null;
  const patients = user.patients
    .map((p) => ({ id: p.patientId, name: p.name }))
    .sort((a, b) => Number(b.id === own) - Number(a.id === own));
  return { id: user.id, name: user.name, kind: user.kind, fhirUser: user.fhirUser, patients };
}

export type NewEndUser = {
  username: string;
  name: string;
  password: string;
  kind: "patient" | "clinician";
  fhirUser: string;
  patients: { id: string; name: string }[];
};

export async function createEndUser(db: Tx, input: NewEndUser): Promise<{ id: string }> {
  if (
    !/^(Patient|Practitioner|PractitionerRole|RelatedPerson|Person)\/[A-Za-z0-9\-.]{1,64}$/.test(
      input.fhirUser,
    )
  )
    throw new AppError("INVALID_INPUT", "fhirUser must be a FHIR reference such as Patient/123.");
  return db.endUser.create({
    data: {
      username: normalizeUsername(input.username),
      name: input.name,
      passwordHash: await hashPassword(input.password),
      kind: input.kind,
      fhirUser: input.fhirUser,
      patients: { create: input.patients.map((p) => ({ patientId: p.id, name: p.name })) },
    },
    select: { id: true },
  });
}
