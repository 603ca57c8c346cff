"use client";
import { useRef } from "react";
import type { ParsedScope } from "@/lib/scopes";
import { Button } from "../ui/button";
import { ConsentGroups } from "./consent-groups";

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
  const dialog = useRef<HTMLDialogElement>(null);
  const audience = appType === "provider" ? "clinician" : "patient";
  return (
    <>
      <Button variant="secondary" onClick={() => dialog.current?.showModal()}>
        Preview consent screen
      </Button>
      <dialog
        ref={dialog}
        aria-labelledby="consent-title"
        className="m-auto w-full max-w-md rounded-xl p-0 shadow-2xl backdrop:bg-slate-900/50"
      >
        <div className="space-y-4 p-6">
          <p className="text-xs font-semibold tracking-wide text-slate-500 uppercase">
            Preview · what a {audience} sees when authorising
          </p>
          {appType === "backend" ? (
            <p className="text-sm text-slate-700">
              Backend services are authorised without a person in the loop, so no consent screen is
              shown. An administrator approves their access instead.
            </p>
          ) : (
            <>
              <h2 id="consent-title" className="text-lg font-semibold text-slate-900">
                {appName || "This app"}{" "}
                <span className="font-normal text-slate-600">by {organizationName}</span> wants to:
              </h2>
              <ConsentGroups scopes={scopes} audience={audience} />
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
            <Button variant="secondary" onClick={() => dialog.current?.close()}>
              Close preview
            </Button>
          </div>
        </div>
      </dialog>
    </>
  );
}
