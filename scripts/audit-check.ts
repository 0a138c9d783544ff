/**
 * CI's dependency audit: `npm audit --omit=dev --json`, failing on any high or
 * critical advisory. When the registry's advisory endpoint cannot be reached
 * (this workplace's registry mirror answers 405 to its POST), the audit did not
 * run: that is reported loudly, not mistaken for "no advisories".
 */
import { spawnSync } from "node:child_process";

export type AuditVerdict =
  | { kind: "clean"; counts: Record<string, number> }
  | { kind: "vulnerable"; counts: Record<string, number>; packages: string[] }
  | { kind: "unavailable"; reason: string };

type AuditJson = {
  error?: { summary?: string; detail?: string };
  message?: string;
  statusCode?: number;
  metadata?: { vulnerabilities?: Record<string, number> };
  vulnerabilities?: Record<string, { name: string; severity: string }>;
};

const FAILING = ["high", "critical"];

export function judgeAudit(stdout: string): AuditVerdict {
  let report: AuditJson;
  try {
    report = JSON.parse(stdout) as AuditJson;
  } catch {
    return { kind: "unavailable", reason: "npm audit printed no JSON report" };
  }
  if (report.error || report.statusCode || !report.metadata?.vulnerabilities) {
    return { kind: "unavailable", reason: report.message ?? report.error?.summary ?? "the advisory endpoint gave no report" };
  }
  const counts = report.metadata.vulnerabilities;
  const packages = Object.values(report.vulnerabilities ?? {})
    .filter((v) => FAILING.includes(v.severity))
    .map((v) => `${v.name} (${v.severity})`);
  const failing = FAILING.reduce((n, s) => n + (counts[s] ?? 0), 0);
  return failing > 0 ? { kind: "vulnerable", counts, packages } : { kind: "clean", counts };
}

if (import.meta.url === `file://${process.argv[1]}`) {
  const run = spawnSync("npm", ["audit", "--omit=dev", "--json"], { encoding: "utf8" });
  const verdict = judgeAudit(run.stdout);
  if (verdict.kind === "vulnerable") {
    console.error(`npm audit: high or critical advisories in production dependencies: ${verdict.packages.join(", ")}`);
    process.exit(1);
  } else if (verdict.kind === "clean") {
    console.log(`npm audit: no high or critical advisory (${JSON.stringify(verdict.counts)})`);
  } else {
    console.warn(`npm audit: COULD NOT RUN here (${verdict.reason}); no advisory data was checked.`);
  }
}
