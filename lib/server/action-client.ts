import "server-only";
// The action clients, one per audience: `adminAction(ZThing, async ({ user, input }) => …)` is a
// server action whose role check, validation, error mapping and after-response flush come from
// the pipeline (lib/server/action.ts). This file is the Next.js edge of it: the session, the
// request's address, revalidatePath and after().
import { revalidatePath } from "next/cache";
import { after } from "next/server";
import type { z } from "zod";
import { getCurrentUser } from "../auth/current-user";
import {
  runAction,
  type ActionDefinition,
  type ActionEdge,
  type Audience,
  type DataOf,
  type Outcome,
  type ServerAction,
} from "./action";
import { flushOutboxes } from "./after-response";
import { requestIp } from "./request";

const nextEdge: ActionEdge = {
  getUser: getCurrentUser,
  revalidate: (path, type) => revalidatePath(path, type),
  ip: requestIp,
  afterResponse: () => after(flushOutboxes),
};

type AnyDefinition = ActionDefinition<Audience, z.ZodType, Outcome>;
const definitions = new WeakMap<object, AnyDefinition>();

/** The definition behind an action (tests run it through the core with their own edge). */
export function definitionOf(action: unknown): AnyDefinition | undefined {
  return typeof action === "function" ? definitions.get(action) : undefined;
}

export function actionClient<A extends Audience>(audience: A) {
  return function defineAction<S extends z.ZodType, R extends Outcome>(
    schema: S,
    body: ActionDefinition<A, S, R>["body"],
  ): ServerAction<z.input<S>, DataOf<R>> {
    const definition: ActionDefinition<A, S, R> = { audience, schema, body };
    const action = async (input: z.input<S>) => runAction(definition, input, nextEdge);
    definitions.set(action, definition);
    return action;
  };
}

export const publicAction = actionClient("public");
export const userAction = actionClient("user");
export const partnerAction = actionClient("partner");
export const adminAction = actionClient("admin");
export const reviewerAction = actionClient("reviewer");
