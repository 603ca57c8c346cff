import { describe, expect, expectTypeOf, it } from "vitest";
import { RiskLevel as DbRiskLevel } from "../generated/prisma/enums";
import { riskRank } from "./risk";
import { RISK_LEVELS, type RiskLevel } from "./types";

describe("the risk levels", () => {
  it("are the database enum's values, in its order (which ORDER BY risk uses)", () => {
    expect(Object.values(DbRiskLevel)).toEqual([...RISK_LEVELS]);
    expectTypeOf<RiskLevel>().toEqualTypeOf<DbRiskLevel>();
  });

  it("rank lowest first", () => {
    expect(RISK_LEVELS.map(riskRank)).toEqual([0, 1, 2, 3]);
  });
});
