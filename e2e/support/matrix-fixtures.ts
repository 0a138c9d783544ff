import fs from "node:fs";
import path from "node:path";

/** What e2e/seeders/70-matrix.ts writes for the matrix specs (ids and API tokens). */
export type MatrixFixtures = {
  customerA: { customerId: string; siteId: string; deviceId: string; visitId: string };
  customerB: { customerId: string; siteId: string; deviceId: string; visitId: string; userId: string };
  mo: { id: string };
  adrian: { id: string };
  disabledUser: { id: string; email: string };
  throttle: { emails: string[] };
  /** A technician whose visits with customer A's device ended (cancelled; completed past the grace). */
  pastTech: { id: string; email: string };
  /** The cookie of a customer session that began past the customers' lifetime. */
  expiredCookie: { name: string; value: string };
  tokens: Record<"customerA" | "customerB" | "tech" | "otherTech" | "admin" | "disabled" | "revoked" | "pastTech" | "writeOnly", string>;
};

export const MATRIX_FIXTURES = path.resolve(import.meta.dirname, "..", ".tmp", "fixtures-matrix.json");

export const fixtures = (): MatrixFixtures => JSON.parse(fs.readFileSync(MATRIX_FIXTURES, "utf8"));
