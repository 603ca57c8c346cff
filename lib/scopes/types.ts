/** Shared types of the SMART scope engine. Pure data, no behaviour. */

export type ScopeKind = "clinical" | "identity" | "launch" | "refresh" | "unknown";
export type ScopeContext = "patient" | "user" | "system";
export type ScopeVersion = "v1" | "v2";
export type PermissionLetter = "c" | "r" | "u" | "d" | "s";
export type AppType = "patient" | "provider" | "backend";
export type ClientType = "public" | "confidential" | "backend";
export type LaunchMode = "standalone" | "ehr";

export const SCOPE_CONTEXTS: readonly ScopeContext[] = ["patient", "user", "system"];
export const PERMISSION_LETTERS: readonly PermissionLetter[] = ["c", "r", "u", "d", "s"];

/** Permission bits: c=1 r=2 u=4 d=8 s=16, so canonical order is ascending bit order. */
export const PERM_C = 1;
export const PERM_R = 2;
export const PERM_U = 4;
export const PERM_D = 8;
export const PERM_S = 16;
export const PERM_ALL = 31;
export const PERM_WRITE = PERM_C | PERM_U | PERM_D;

export interface ScopeIssue {
  readonly code: string;
  readonly message: string;
}

/** Query narrowing as shown to people: one entry per name, string[] only when a name repeats. */
export type ScopeQuery = Readonly<Record<string, string | readonly string[]>>;

/** A decoded `name=value` pair; scopes keep them sorted by name, then value, without duplicates. */
export type QueryPair = readonly [name: string, value: string];

export interface ParsedScope {
  readonly input: string;
  readonly valid: boolean;
  readonly kind: ScopeKind;
  readonly context: ScopeContext | null;
  /** A FHIR R4 resource type or "*". */
  readonly resourceType: string | null;
  /** Canonical v2 letters, e.g. "rs". */
  readonly permissions: string | null;
  /** Same permissions as a bitmask (0 when not clinical or invalid). */
  readonly mask: number;
  readonly version: ScopeVersion | null;
  readonly query: ScopeQuery | null;
  /** Sorted, de-duplicated decoded pairs (null when not narrowed). */
  readonly pairs: readonly QueryPair[] | null;
  /** Canonical v2 form; for non-clinical scopes the scope itself; null when invalid. */
  readonly normalized: string | null;
  readonly errors: readonly ScopeIssue[];
  readonly warnings: readonly ScopeIssue[];
}

/**
 * The risk levels, lowest first: the order of sorting, charts and filters. The database's RiskLevel
 * enum has the same values in the same order (lib/scopes/risk.test.ts checks it).
 */
export const RISK_LEVELS = ["low", "medium", "high", "critical"] as const;
export type RiskLevel = (typeof RISK_LEVELS)[number];

export interface RiskGrade {
  readonly level: RiskLevel;
  readonly reasons: readonly string[];
}

export type FindingSeverity = "error" | "warning" | "info";

export interface Finding {
  readonly rule: string;
  readonly severity: FindingSeverity;
  readonly message: string;
  /** Inputs of the scopes the finding concerns. */
  readonly scopes: readonly string[];
}

/** What the partner told us about the app; lints needing a field run only when it is given. */
export interface AppProfile {
  appType?: AppType;
  clientType?: ClientType;
  launchModes?: readonly LaunchMode[];
  launchUrl?: string | null;
  signsUsersIn?: boolean;
}

/** One scope in the analyze response (the public JSON contract). */
export interface ScopeResult {
  input: string;
  valid: boolean;
  kind: ScopeKind;
  context: ScopeContext | null;
  resourceType: string | null;
  permissions: string | null;
  version: ScopeVersion | null;
  query: ScopeQuery | null;
  normalized: string | null;
  explanation: string;
  risk: RiskGrade | null;
  requiresApproval: boolean | null;
  errors: ScopeIssue[];
  warnings: ScopeIssue[];
}

export interface AnalyzeResponse {
  valid: boolean;
  scopes: ScopeResult[];
  findings: Finding[];
}
