"use client";
import { useId, useState } from "react";
import type { ParsedScope } from "@/lib/scopes";
import { Button } from "../ui/button";
import { Modal } from "../ui/modal";
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
  const [isOpen, setOpen] = useState(false);
  const titleId = useId();
  const audience = appType === "provider" ? "clinician" : "patient";
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
            <Button variant="secondary" onClick={() => setOpen(false)}>
              Close preview
            </Button>
          </div>
        </div>
      </Modal>
    </>
  );
}
