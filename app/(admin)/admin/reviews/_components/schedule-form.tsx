"use client";
import { useState } from "react";
import { Field, Select, TextInput } from "@/components/form/field";
import { FormMessage } from "@/components/form/form-message";
import { SubmitButton } from "@/components/form/submit-button";
import { useAction, type FormFields } from "@/components/form/use-action";
import { saveScheduleAction } from "../actions";

export type ScheduleDefaults = {
  id?: string;
  name: string;
  cadence: string;
  scopeFilter: string;
  organizationId: string | null;
  assignment: string;
  reviewerIds: string[];
  partnerReviewers: Record<string, string>;
  dueInDays: number;
  reminderDaysBefore: number;
  closeAction: string;
  active: boolean;
};
type Option = { id: string; name: string };

const CADENCES = ["monthly", "quarterly", "semiannual", "annual"] as const;
const SCOPE_FILTERS = ["all", "system_and_write", "organization", "unused"] as const;
const ASSIGNMENTS = ["round_robin", "named", "by_partner"] as const;
const CLOSE_ACTIONS = ["flag", "revoke"] as const;
const PARTNER_FIELD = "partner:";

/** The schedule as the form holds it: lists from repeated fields, each partner's reviewer from partner:<id>. */
function scheduleOf(fields: FormFields, scheduleId: string | undefined) {
  const partnerReviewers = Object.fromEntries(
    fields.named(PARTNER_FIELD).map(([key, value]) => [key.slice(PARTNER_FIELD.length), value]),
  );
  return {
    scheduleId,
    name: fields.text("name"),
    cadence: fields.choice("cadence", CADENCES),
    scopeFilter: fields.choice("scopeFilter", SCOPE_FILTERS),
    organizationId: fields.text("organizationId") || null,
    assignment: fields.choice("assignment", ASSIGNMENTS),
    reviewerIds: fields.texts("reviewerIds"),
    partnerReviewers: Object.fromEntries(Object.entries(partnerReviewers).filter(([, v]) => v)),
    dueInDays: fields.text("dueInDays"),
    reminderDaysBefore: fields.text("reminderDaysBefore"),
    closeAction: fields.choice("closeAction", CLOSE_ACTIONS),
    active: fields.isChecked("active"),
  };
}

export function ScheduleForm({
  defaults,
  reviewers,
  partners,
}: {
  defaults: ScheduleDefaults;
  reviewers: (Option & { email: string })[];
  partners: Option[];
}) {
  const { state, formAction } = useAction(saveScheduleAction);
  const [scopeFilter, setScopeFilter] = useState(defaults.scopeFilter);
  const [assignment, setAssignment] = useState(defaults.assignment);
  const errors = state.fieldErrors ?? {};
  const kept = state.values;
  const v = (key: "name" | "cadence" | "organizationId" | "closeAction", fallback: string) =>
    kept?.[key] ?? fallback;
  const days = (key: "dueInDays" | "reminderDaysBefore", fallback: number) =>
    String(kept?.[key] ?? fallback);
  return (
    <form
      action={formAction((fields) => scheduleOf(fields, defaults.id))}
      className="max-w-2xl space-y-5"
      noValidate
    >
      <FormMessage status={state.status} message={state.message} />
      <Field label="Name" name="name" errors={errors.name} required>
        <TextInput
          name="name"
          defaultValue={v("name", defaults.name)}
          errors={errors.name}
          maxLength={120}
        />
      </Field>
      <div className="grid gap-4 sm:grid-cols-2">
        <Field label="How often" name="cadence" errors={errors.cadence}>
          <Select
            name="cadence"
            defaultValue={v("cadence", defaults.cadence)}
            errors={errors.cadence}
          >
            <option value="monthly">Monthly</option>
            <option value="quarterly">Quarterly</option>
            <option value="semiannual">Every six months</option>
            <option value="annual">Yearly</option>
          </Select>
        </Field>
        <Field label="Grants reviewed" name="scopeFilter" errors={errors.scopeFilter}>
          <Select
            name="scopeFilter"
            value={scopeFilter}
            onChange={(e) => setScopeFilter(e.target.value)}
            errors={errors.scopeFilter}
          >
            <option value="all">Every live grant</option>
            <option value="system_and_write">System and write scopes only</option>
            <option value="organization">One partner</option>
            <option value="unused">
              Unused grants (no allowed decision within the policy threshold)
            </option>
          </Select>
        </Field>
      </div>
      {scopeFilter === "organization" ? (
        <Field label="Partner" name="organizationId" errors={errors.organizationId}>
          <Select
            name="organizationId"
            defaultValue={v("organizationId", defaults.organizationId ?? "")}
            errors={errors.organizationId}
          >
            <option value="">Choose a partner…</option>
            {partners.map((p) => (
              <option key={p.id} value={p.id}>
                {p.name}
              </option>
            ))}
          </Select>
        </Field>
      ) : null}
      <Field
        label="Reviewer assignment"
        name="assignment"
        errors={errors.assignment}
        hint="Round robin deals grants out one by one; named keeps each app with one of the named reviewers; by partner uses each partner's reviewer."
      >
        <Select
          name="assignment"
          value={assignment}
          onChange={(e) => setAssignment(e.target.value)}
          errors={errors.assignment}
          hasHint
        >
          <option value="round_robin">Round robin</option>
          <option value="named">Named reviewers</option>
          <option value="by_partner">By partner</option>
        </Select>
      </Field>
      <fieldset className="space-y-2">
        <legend className="text-sm font-medium text-slate-800">
          Reviewers {assignment === "round_robin" ? "(none ticked: every active reviewer)" : ""}
        </legend>
        {reviewers.length === 0 ? (
          <p className="text-sm text-slate-600">No active reviewers yet: invite one from Staff.</p>
        ) : null}
        {reviewers.map((r) => (
          <label key={r.id} className="flex items-center gap-2 text-sm text-slate-700">
            <input
              type="checkbox"
              name="reviewerIds"
              value={r.id}
              defaultChecked={defaults.reviewerIds.includes(r.id)}
              className="size-4 rounded border-slate-300"
            />
            {r.name} <span className="text-slate-500">({r.email})</span>
          </label>
        ))}
        {errors.reviewerIds ? (
          <p role="alert" className="text-sm text-red-700">
            {errors.reviewerIds.join(" ")}
          </p>
        ) : null}
      </fieldset>
      {assignment === "by_partner" ? (
        <fieldset className="space-y-2">
          <legend className="text-sm font-medium text-slate-800">
            Reviewer per partner (others: round robin over the reviewers above)
          </legend>
          {partners.map((p) => (
            <label
              key={p.id}
              className="grid grid-cols-[1fr_16rem] items-center gap-3 text-sm text-slate-700"
            >
              {p.name}
              <select
                name={`${PARTNER_FIELD}${p.id}`}
                defaultValue={defaults.partnerReviewers[p.id] ?? ""}
                className="rounded-md py-1 text-sm ring-1 ring-slate-300"
                aria-label={`Reviewer for ${p.name}`}
              >
                <option value="">Round robin</option>
                {reviewers.map((r) => (
                  <option key={r.id} value={r.id}>
                    {r.name}
                  </option>
                ))}
              </select>
            </label>
          ))}
        </fieldset>
      ) : null}
      <div className="grid gap-4 sm:grid-cols-3">
        <Field label="Due in (days)" name="dueInDays" errors={errors.dueInDays}>
          <TextInput
            name="dueInDays"
            type="number"
            min={1}
            max={90}
            defaultValue={days("dueInDays", defaults.dueInDays)}
            errors={errors.dueInDays}
          />
        </Field>
        <Field
          label="Reminder (days before)"
          name="reminderDaysBefore"
          errors={errors.reminderDaysBefore}
        >
          <TextInput
            name="reminderDaysBefore"
            type="number"
            min={0}
            max={30}
            defaultValue={days("reminderDaysBefore", defaults.reminderDaysBefore)}
            errors={errors.reminderDaysBefore}
          />
        </Field>
        <Field label="Unanswered at close" name="closeAction" errors={errors.closeAction}>
          <Select
            name="closeAction"
            defaultValue={v("closeAction", defaults.closeAction)}
            errors={errors.closeAction}
          >
            <option value="flag">Flag for admins</option>
            <option value="revoke">Revoke the grant</option>
          </Select>
        </Field>
      </div>
      <label className="flex items-center gap-2 text-sm text-slate-700">
        <input
          type="checkbox"
          name="active"
          defaultChecked={defaults.active}
          className="size-4 rounded border-slate-300"
        />
        Active (opens campaigns on schedule)
      </label>
      <SubmitButton pendingLabel="Saving…">
        {defaults.id ? "Save schedule" : "Create schedule"}
      </SubmitButton>
    </form>
  );
}
