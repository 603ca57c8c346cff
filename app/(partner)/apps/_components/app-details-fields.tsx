"use client";
import { Field, TextArea, TextInput } from "@/components/form/field";
import { cn } from "@/components/ui/cn";
import {
  appTypeLabel,
  clientTypeLabel,
  clientTypeProblem,
  launchModeLabel,
} from "@/lib/apps/rules";

const nonEmpty = (message: string | null) => (message ? [message] : undefined);

export type AppType = "patient" | "provider" | "backend";
export type ClientType = "public" | "confidential" | "backend";
export type Details = {
  name: string;
  description: string;
  appType: AppType;
  clientType: ClientType;
  launchModes: ("standalone" | "ehr")[];
  redirectUris: string;
  launchUrl: string;
  homepageUrl: string;
  privacyPolicyUrl: string;
  jwksUrl: string;
  /** Pasted public keys (a JWK set), for a backend service without a JWKS URL. */
  jwks: string;
};

export const emptyDetails: Details = {
  name: "",
  description: "",
  appType: "patient",
  clientType: "public",
  launchModes: ["standalone"],
  redirectUris: "",
  launchUrl: "",
  homepageUrl: "",
  privacyPolicyUrl: "",
  jwksUrl: "",
  jwks: "",
};

const appTypeHelp: Record<AppType, string> = {
  patient: "Used by patients to see or share their own data.",
  provider: "Used by clinicians and staff inside the care workflow.",
  backend: "A server-to-server service with no user in the loop (payer exchange, bulk export).",
};
const clientTypeHelp: Record<ClientType, string> = {
  public: "Runs on a device or in a browser and cannot keep a secret.",
  confidential: "Runs on a server and keeps a client secret.",
  backend:
    "Authenticates with a signed JWT (RS384 or ES384), its keys at a JWKS URL or pasted here.",
};

type Props = {
  value: Details;
  onChange: (next: Details) => void;
  errors: (field: string) => string[] | undefined;
};

function Choice<T extends string>({
  name,
  legend,
  options,
  value,
  onChange,
  help,
  error,
}: {
  name: string;
  legend: string;
  options: Record<T, string>;
  value: T;
  onChange: (v: T) => void;
  help: Record<T, string>;
  error?: string[];
}) {
  return (
    <fieldset className="space-y-2" aria-describedby={error?.length ? `${name}-error` : undefined}>
      <legend className="text-sm font-medium text-slate-800">{legend}</legend>
      <div className="grid gap-2 sm:grid-cols-3">
        {(Object.keys(options) as T[]).map((key) => (
          <label
            key={key}
            className={cn(
              "flex cursor-pointer gap-2 rounded-md border p-3 text-sm",
              value === key
                ? "border-brand-600 bg-brand-50"
                : "border-slate-200 bg-white hover:border-slate-300",
            )}
          >
            <input
              type="radio"
              name={name}
              value={key}
              checked={value === key}
              onChange={() => onChange(key)}
              className="mt-0.5"
            />
            <span>
              <span className="font-medium text-slate-900">{options[key]}</span>
              <span className="block text-xs text-slate-600">{help[key]}</span>
            </span>
          </label>
        ))}
      </div>
      {error?.length ? (
        <p id={`${name}-error`} role="alert" className="text-sm text-red-700">
          {error.join(" ")}
        </p>
      ) : null}
    </fieldset>
  );
}

/** Everything about an app except its scopes; fields follow the app type. */
export function AppDetailsFields({ value, onChange, errors }: Props) {
  const set = <K extends keyof Details>(key: K, v: Details[K]) => onChange({ ...value, [key]: v });
  const isBackend = value.appType === "backend";
  const text = (key: keyof Details & string) => ({
    name: key,
    value: value[key] as string,
    errors: errors(`details.${key}`),
    onChange: (e: React.ChangeEvent<HTMLInputElement | HTMLTextAreaElement>) =>
      set(key, e.target.value as never),
  });

  return (
    <div className="space-y-5">
      <Field label="App name" name="name" errors={errors("details.name")} required>
        <TextInput {...text("name")} maxLength={80} autoComplete="off" required />
      </Field>
      <Field
        label="Description"
        name="description"
        errors={errors("details.description")}
        hint="What the app does and for whom; approvers read this."
      >
        <TextArea {...text("description")} maxLength={1000} hasHint />
      </Field>
      <Choice
        name="appType"
        legend="App type"
        options={appTypeLabel}
        help={appTypeHelp}
        value={value.appType}
        error={errors("details.appType")}
        onChange={(appType) =>
          onChange({
            ...value,
            appType,
            clientType:
              appType === "backend"
                ? "backend"
                : value.clientType === "backend"
                  ? "public"
                  : value.clientType,
            // Keys belong to backend services only: leaving that type clears them.
            jwks: appType === "backend" ? value.jwks : "",
            launchModes:
              appType === "backend"
                ? []
                : value.launchModes.length
                  ? value.launchModes
                  : ["standalone"],
          })
        }
      />
      <Choice
        name="clientType"
        legend="Client type"
        options={clientTypeLabel}
        help={clientTypeHelp}
        value={value.clientType}
        error={
          errors("details.clientType") ??
          nonEmpty(clientTypeProblem(value.appType, value.clientType))
        }
        onChange={(v) => set("clientType", v)}
      />

      {isBackend ? (
        <>
          <Field
            label="JWKS URL"
            name="jwksUrl"
            errors={errors("details.jwksUrl")}
            hint="Where the service publishes its public keys (https). It is fetched and checked when you register."
          >
            <TextInput
              {...text("jwksUrl")}
              type="url"
              placeholder="https://service.example.com/.well-known/jwks.json"
              hasHint
            />
          </Field>
          <Field
            label="Or paste the public keys (JWKS)"
            name="jwks"
            errors={errors("details.jwks")}
            hint='A JWK set of public RS384 or ES384 keys, {"keys": [ … ]}. Never paste a private key: it is refused and not stored.'
          >
            <TextArea
              {...text("jwks")}
              className="font-mono"
              placeholder='{"keys": [{"kty": "EC", "crv": "P-384", "x": "…", "y": "…", "kid": "…"}]}'
              hasHint
            />
          </Field>
        </>
      ) : (
        <>
          <fieldset className="space-y-2">
            <legend className="text-sm font-medium text-slate-800">Launch modes</legend>
            <div className="flex flex-wrap gap-4">
              {(Object.keys(launchModeLabel) as ("standalone" | "ehr")[]).map((mode) => (
                <label key={mode} className="inline-flex items-center gap-2 text-sm">
                  <input
                    type="checkbox"
                    className="size-4 rounded border-slate-300"
                    checked={value.launchModes.includes(mode)}
                    onChange={(e) =>
                      set(
                        "launchModes",
                        e.target.checked
                          ? [...value.launchModes, mode]
                          : value.launchModes.filter((m) => m !== mode),
                      )
                    }
                  />
                  {launchModeLabel[mode]}
                </label>
              ))}
            </div>
            {errors("details.launchModes")?.length ? (
              <p role="alert" className="text-sm text-red-700">
                {errors("details.launchModes")!.join(" ")}
              </p>
            ) : null}
          </fieldset>
          <Field
            label="Redirect URIs"
            name="redirectUris"
            errors={errors("details.redirectUris")}
            hint="One per line, at most 10. https only (http is allowed for localhost); no #fragments."
            required
          >
            <TextArea
              {...text("redirectUris")}
              className="font-mono"
              placeholder="https://app.example.com/callback"
              hasHint
            />
          </Field>
          <Field
            label="Launch URL"
            name="launchUrl"
            errors={errors("details.launchUrl")}
            hint="Where the EHR or portal opens the app; needed for EHR launch."
          >
            <TextInput
              {...text("launchUrl")}
              type="url"
              placeholder="https://app.example.com/launch"
              hasHint
            />
          </Field>
        </>
      )}
      <div className="grid gap-5 sm:grid-cols-2">
        <Field label="Homepage" name="homepageUrl" errors={errors("details.homepageUrl")}>
          <TextInput {...text("homepageUrl")} type="url" placeholder="https://app.example.com" />
        </Field>
        <Field
          label="Privacy policy"
          name="privacyPolicyUrl"
          errors={errors("details.privacyPolicyUrl")}
        >
          <TextInput
            {...text("privacyPolicyUrl")}
            type="url"
            placeholder="https://app.example.com/privacy"
          />
        </Field>
      </div>
    </div>
  );
}
