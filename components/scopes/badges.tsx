import { Badge, type Tone } from "../ui/badge";
import { isRiskLevel, RISK_UI } from "./risk";

const stateTone: Record<string, Tone> = {
  granted: "green",
  pending: "amber",
  changes_requested: "purple",
  denied: "red",
  revoked: "red",
  withdrawn: "neutral",
};
const stateLabel: Record<string, string> = {
  granted: "Granted",
  pending: "Pending approval",
  changes_requested: "Changes requested",
  denied: "Denied",
  revoked: "Revoked",
  withdrawn: "Withdrawn",
};

/** `isNarrowed`: the request ended because a narrower form of it was approved instead. */
export function ScopeStateBadge({ state, isNarrowed }: { state: string; isNarrowed?: boolean }) {
  if (isNarrowed && state === "denied") return <Badge tone="blue">Approved narrower</Badge>;
  return <Badge tone={stateTone[state] ?? "neutral"}>{stateLabel[state] ?? state}</Badge>;
}

export function RiskBadge({ level }: { level: string }) {
  if (!isRiskLevel(level)) return <Badge>{level} risk</Badge>;
  return <Badge tone={RISK_UI[level].tone}>{RISK_UI[level].label} risk</Badge>;
}

export function AppStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={status === "active" ? "green" : "red"}>
      {status === "active" ? "Active" : "Suspended"}
    </Badge>
  );
}
