import { Badge, type Tone } from "../ui/badge";

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
const riskTone: Record<string, Tone> = {
  low: "green",
  medium: "blue",
  high: "amber",
  critical: "red",
};

export function ScopeStateBadge({ state }: { state: string }) {
  return <Badge tone={stateTone[state] ?? "neutral"}>{stateLabel[state] ?? state}</Badge>;
}

export function RiskBadge({ level }: { level: string }) {
  return <Badge tone={riskTone[level] ?? "neutral"}>{level} risk</Badge>;
}

export function AppStatusBadge({ status }: { status: string }) {
  return (
    <Badge tone={status === "active" ? "green" : "red"}>
      {status === "active" ? "Active" : "Suspended"}
    </Badge>
  );
}
