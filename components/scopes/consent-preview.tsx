"use client";
import { useId, useState } from "react";
import { consentItems, type ParsedScope } from "@/lib/scopes";
import { Button } from "../ui/button";
import { Modal } from "../ui/modal";

/** The authorisation screen a patient or clinician would see for this scope set. */
export function ConsentPreview({
  appName,
  organizationName,
  appType,
  scopes,
}: {
  appName: string;
  organizationName: string;
  appType: "patient" | "provider" | "backend";
  scopes: ParsedScope[];
}) {
  const [isOpen, setOpen] = useState(false);
  const titleId = useId();
  const audience = appType === "provider" ? "clinician" : "patient";
  const groups = consentItems(
    scopes.filter((s) => s.valid),
    audience,
  );
  return (
    <>
      <Button variant="secondary" onClick={() => setOpen(true)}>
        Preview consent screen
      </Button>
      <Modal
        open={isOpen}
        onClose={() => setOpen(false)}
        labelledBy={titleId}
        className="max-w-md rounded-xl shadow-2xl"
      >
        <div className="space-y-4 p-6">
          <p id={titleId} className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
            Preview · what a {audience} sees when authorising
          </p>
          {appType === "backend" ? (
            <p className="text-sm text-slate-700">
              Backend services are authorised without a person in the loop, so no consent screen is
              shown. An administrator approves their access instead.
            </p>
          ) : (
            <>
              <h2 className="text-lg font-semibold text-slate-900">
                {appName || "This app"}{" "}
                <span className="font-normal text-slate-600">by {organizationName}</span> wants to:
              </h2>
              {groups.length === 0 ? (
                <p className="text-sm text-slate-600">
                  Nothing yet: add scopes to see what would be asked.
                </p>
              ) : (
                <div className="space-y-3">
                  {groups.map((group) => (
                    <section key={group.id}>
                      <h3 className="text-sm font-semibold text-slate-800">{group.heading}</h3>
                      <ul className="mt-1 list-disc space-y-0.5 pl-5 text-sm text-slate-700">
                        {group.items.map((item) => (
                          <li key={item}>{item}</li>
                        ))}
                      </ul>
                    </section>
                  ))}
                </div>
              )}
              <div className="flex gap-2 pt-2" aria-hidden>
                <span className="flex-1 rounded-md bg-brand-600 py-2 text-center text-sm font-medium text-white">
                  Allow
                </span>
                <span className="flex-1 rounded-md bg-slate-100 py-2 text-center text-sm font-medium text-slate-700">
                  Deny
                </span>
              </div>
            </>
          )}
          <div className="flex justify-end">
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Close preview
            </Button>
          </div>
        </div>
      </Modal>
    </>
  );
}
