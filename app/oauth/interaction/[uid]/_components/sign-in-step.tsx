import { Field, TextInput } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { Button } from "@/components/ui/button";

/** A plain form post: the authorization server checks the password and moves the request on. */
export function SignInStep({
  appName,
  error,
  username,
  action,
  cancelAction,
}: {
  appName: string;
  error: string | null;
  username: string;
  action: string;
  cancelAction: string;
}) {
  return (
    <>
      <div>
        <h1 className="text-xl font-semibold text-slate-900">Sign in to continue to {appName}</h1>
        <p className="mt-1 text-sm text-slate-600">
          Use your patient or clinician account for our health records. Partner portal accounts do
          not work here.
        </p>
      </div>
      <form method="post" action={action} className="space-y-4">
        <FormMessage status={error ? "error" : "idle"} message={error ?? undefined} />
        <Field label="Username" name="username">
          <TextInput
            name="username"
            autoComplete="username"
            defaultValue={username}
            required
            autoFocus
          />
        </Field>
        <Field label="Password" name="password">
          <TextInput name="password" type="password" autoComplete="current-password" required />
        </Field>
        <div className="flex gap-2">
          <Button type="submit" className="flex-1">
            Sign in
          </Button>
          <Button type="submit" variant="secondary" formAction={cancelAction} formNoValidate>
            Cancel
          </Button>
        </div>
      </form>
    </>
  );
}
