"use client";
import Link from "next/link";
import { Field, FieldErrors, Select, TextInput } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { SubmitButton } from "@/components/form/submit-button";
import { useAction } from "@/components/form/use-action";
import { CopyValue } from "@/components/ui/copy-value";
import type { WebhookActions } from "@/lib/server/webhook-actions";
import type { WebhookEventType } from "@/lib/webhooks/outbox";
import { OPT_IN_EVENTS } from "@/lib/webhooks/rules";
import { EVENT_DESCRIPTIONS } from "./events";

type Props = {
  action: WebhookActions["createEndpoint"];
  basePath: string;
  /** Partners may limit an endpoint to one of their apps. */
  apps?: { id: string; name: string }[];
  events: readonly WebhookEventType[];
};

export function CreateEndpointForm({ action, basePath, apps, events }: Props) {
  const { state, formAction } = useAction(action);
  const errors = state.fieldErrors ?? {};
  const created = state.status === "success" ? state.data : null;
  const secret = created?.secret ?? null;
  const endpointId = created?.endpointId ?? null;
  const kept = state.values;
  return (
    <div className="space-y-4">
      <FormMessage status={state.status} message={state.message} />
      {secret ? (
        <div className="space-y-2 rounded-md bg-amber-50 p-4 ring-1 ring-amber-200">
          <CopyValue label="Signing secret" value={secret} isSecret />
          <p className="text-sm text-amber-900">
            Shown once: store it with your receiver now. It signs every delivery (see the
            verification guide in the API docs).{" "}
            {endpointId ? (
              <Link className="font-medium underline" href={`${basePath}/${endpointId}`}>
                Open the endpoint
              </Link>
            ) : null}
          </p>
        </div>
      ) : null}
      <form
        action={formAction((fields) => ({
          url: fields.text("url"),
          description: fields.text("description"),
          events: fields.choices("events", events),
          appId: apps ? fields.text("appId") || null : null,
        }))}
        className="space-y-4"
        noValidate
        key={secret ?? "form"}
      >
        <div className="grid gap-4 md:grid-cols-2">
          <Field
            label="Endpoint URL"
            name="url"
            errors={errors.url}
            hint="https:// — plain http:// only for localhost or 127.0.0.1."
            required
          >
            <TextInput
              name="url"
              type="url"
              inputMode="url"
              placeholder="https://gateway.example.com/hooks/scopewarden"
              defaultValue={kept?.url}
              errors={errors.url}
              hasHint
              required
            />
          </Field>
          <Field label="Description" name="description" errors={errors.description}>
            <TextInput
              name="description"
              defaultValue={kept?.description}
              errors={errors.description}
              maxLength={200}
            />
          </Field>
        </div>
        {apps ? (
          <Field
            label="App"
            name="appId"
            errors={errors.appId}
            hint="Leave on every app to receive events for all of your organisation's apps."
          >
            <Select name="appId" defaultValue={kept?.appId ?? ""} errors={errors.appId} hasHint>
              <option value="">Every app</option>
              {apps.map((app) => (
                <option key={app.id} value={app.id}>
                  {app.name}
                </option>
              ))}
            </Select>
          </Field>
        ) : null}
        <fieldset
          className="space-y-2"
          aria-describedby={errors.events?.length ? "events-error" : undefined}
        >
          <legend className="text-sm font-medium text-slate-800">
            Events{" "}
            <span className="text-red-600" aria-hidden>
              *
            </span>
          </legend>
          <div className="grid gap-2 sm:grid-cols-2">
            {events
              .map((type) => [type, EVENT_DESCRIPTIONS[type]] as const)
              .map(([type, description]) => (
                <label
                  key={type}
                  className="flex items-start gap-2 rounded-md p-2 text-sm ring-1 ring-slate-200 hover:bg-slate-50"
                >
                  <input
                    type="checkbox"
                    name="events"
                    value={type}
                    defaultChecked={!OPT_IN_EVENTS.includes(type)}
                    className="mt-0.5"
                  />
                  <span>
                    <span className="font-mono text-slate-900">{type}</span>
                    <span className="block text-slate-600">{description}</span>
                  </span>
                </label>
              ))}
          </div>
          <FieldErrors name="events" errors={errors.events} />
        </fieldset>
        <SubmitButton pendingLabel="Adding…">Add endpoint</SubmitButton>
      </form>
    </div>
  );
}
