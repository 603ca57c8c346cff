// Demo end users of the embedded authorization server: a patient with two patient records (their
// own and their child's) and a clinician with three patients. The FHIR patient ids are short and
// stable, so a demo FHIR server can serve the same records.
import { createEndUser, type NewEndUser } from "../lib/authserver/accounts";
import type { Db } from "../lib/database/client";

export const DEMO_PATIENTS = {
  alex: { id: "alex-rivera", name: "Alex Rivera" },
  sam: { id: "sam-rivera", name: "Sam Rivera" },
  jordan: { id: "jordan-lee", name: "Jordan Lee" },
} as const;

export const DEMO_END_USERS = {
  patient: {
    username: "alex.rivera@patients.test",
    name: "Alex Rivera",
    kind: "patient",
    fhirUser: `Patient/${DEMO_PATIENTS.alex.id}`,
    patients: [DEMO_PATIENTS.alex, DEMO_PATIENTS.sam],
  },
  clinician: {
    username: "morgan.chen@clinicians.test",
    name: "Dr. Morgan Chen",
    kind: "clinician",
    fhirUser: "Practitioner/morgan-chen",
    patients: [DEMO_PATIENTS.alex, DEMO_PATIENTS.sam, DEMO_PATIENTS.jordan],
  },
} as const satisfies Record<string, Omit<NewEndUser, "password">>;

export async function seedDemoEndUsers(db: Db, password: string): Promise<void> {
  for (const user of Object.values(DEMO_END_USERS))
    await createEndUser(db, { ...user, patients: [...user.patients], password });
}
