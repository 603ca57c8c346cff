import type { PolicyOutcome } from "@/lib/policy";
import { Badge } from "../ui/badge";

const labels: Record<PolicyOutcome, string> = {
  grant: "Granted at once",
  one_approver: "Needs approval",
  two_approvers: "Needs two approvers",
  forbidden: "Forbidden by policy",
};
const tones = {
  grant: "green",
  one_approver: "amber",
  two_approvers: "red",
  forbidden: "red",
} as const;

export function PolicyBadge({ outcome }: { outcome: PolicyOutcome }) {
  return <Badge tone={tones[outcome]}>{labels[outcome]}</Badge>;
}
