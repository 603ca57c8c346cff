// How the UI shows a risk level: one map for the badges, the filters and the risk chart. The
// levels are the engine's RISK_LEVELS (lib/scopes, equal to the Prisma enum, lowest first).
import { RISK_LEVELS, type RiskLevel } from "@/lib/scopes";
import type { Tone } from "../ui/badge";

export const RISK_UI: Record<RiskLevel, { label: string; tone: Tone; color: string }> = {
  low: { label: "Low", tone: "green", color: "#10b981" },
  medium: { label: "Medium", tone: "blue", color: "#0ea5e9" },
  high: { label: "High", tone: "amber", color: "#f59e0b" },
  critical: { label: "Critical", tone: "red", color: "#dc2626" },
};

/** Most severe first, the order people scan for. */
export const RISK_LEVELS_BY_SEVERITY: readonly RiskLevel[] = [...RISK_LEVELS].reverse();

export const RISK_FILTER_OPTIONS = RISK_LEVELS_BY_SEVERITY.map((level) => ({
  value: level,
  label: RISK_UI[level].label,
}));

export const isRiskLevel = (value: string): value is RiskLevel => value in RISK_UI;
