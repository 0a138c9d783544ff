import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { RECOVERY_METHODS } from "@/db/seed/catalogue";
import { checkEvidence } from "@/lib/vendor-cases/evidence";
import { evidenceFactsFor } from "@/lib/vendor-cases/evidence-data";
import { recordAuthorization } from "./authorization";
import { logAttempt } from "./attempts";
import { getJob } from "./job";
import { attempt, prepareEvidence, scenario, TINY_PNG } from "@/test/support/field";

/**
 * The job's evidence lists are read for every device at once (facts and the
 * authorization from the job itself, photos and request files in one query
 * each); sending a case checks one device on its own (evidenceFactsFor).
 * They must always agree, or the phone says "ready to send" and the server
 * refuses (or the reverse).
 */
async function expectJobAgreesWithGate(s: Awaited<ReturnType<typeof scenario>>) {
  const job = await getJob(s.tech, s.visitId);
  let checked = 0;
  for (const d of job.devices) {
    const facts = await evidenceFactsFor(await getDb(), s.visitId, d.id);
    for (const [methodId, items] of Object.entries(d.evidence)) {
      const method = RECOVERY_METHODS.find((m) => m.id === methodId)!;
      expect(
        items.map((i) => i.present),
        `${d.label}: ${methodId}`,
      ).toEqual(checkEvidence(method.evidence!, facts).map((c) => c.present));
      checked++;
    }
  }
  expect(checked).toBeGreaterThan(0);
  return job;
}

const presentOf = (job: Awaited<ReturnType<typeof getJob>>, deviceId: string, methodId: string) =>
  job.devices.find((d) => d.id === deviceId)!.evidence[methodId]!.map((i) => i.present);

describe("the job's evidence lists", () => {
  it("agree with the check a vendor case is sent through, before and after the evidence, and once a request file is used", async () => {
    const s = await scenario();
    let job = await expectJobAgreesWithGate(s);
    // SADP export: the request file, a label photo, the authorization; nothing yet.
    expect(presentOf(job, s.hik, "hik_sadp_export")).toEqual([false, false, false]);

    await recordAuthorization(s.tech, { visitId: s.visitId, personName: "Carla Owner", relationship: "owner", mode: "signature", signature: TINY_PNG });
    await prepareEvidence(s.tech, s.visitId, s.hik, "hik_sadp_export");
    await prepareEvidence(s.tech, s.visitId, s.lorex, "lorex_support_temp_password");
    job = await expectJobAgreesWithGate(s);
    expect(presentOf(job, s.hik, "hik_sadp_export")).toEqual([true, true, true]);
    // The Hikvision's request file is its own: the Dahua's ConfigTool export still lacks one.
    expect(presentOf(job, s.dahua, "dahua_configtool_xml")[0]).toBe(false);
    // Each device lists its own brand's vendor methods only.
    const listed = (id: string) => Object.keys(job.devices.find((d) => d.id === id)!.evidence).sort();
    expect(listed(s.hik)).toEqual(["hik_sadp_export", "hik_sadp_security_code"]);
    expect(listed(s.dahua).every((m) => m.startsWith("dahua_"))).toBe(true);
    expect(listed(s.lorex).every((m) => m.startsWith("lorex_"))).toBe(true);

    // The case goes with the request file; a second case would need a new export.
    await logAttempt(
      s.tech,
      attempt(s.visitId, s.hik, { methodId: "hik_sadp_export", outcome: "waiting_vendor", vendorCase: { vendor: "hikvision", whatWasSent: "SADP export" } }),
    );
    job = await expectJobAgreesWithGate(s);
    expect(presentOf(job, s.hik, "hik_sadp_export")).toEqual([false, true, true]);
  });
});
