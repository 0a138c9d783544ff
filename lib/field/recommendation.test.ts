import { describe, expect, it } from "vitest";
import { getDb } from "@/db/client";
import { attempts, visitDevices } from "@/db/schema";
import { makeDevice, makeUser, makeVisit } from "@/test/support/factories";
import { storeBackup } from "@/lib/backups/store";
import { getJob } from "./job";

/** History: on 12 similar Dahua NVRs the reset button worked every time and the QR method never did. */
async function history(tech: { id: string }, customerId: string) {
  const db = await getDb();
  for (let i = 0; i < 12; i++) {
    const dev = await makeDevice(customerId, { brand: "dahua", kind: "nvr" });
    const visitId = await makeVisit({ customerId, technicianId: tech.id, startsAt: new Date(Date.UTC(2025, 0, 1 + i, 15)), status: "completed" });
    await db.insert(visitDevices).values({ visitId, deviceId: dev });
    await db.insert(attempts).values([
      { visitId, deviceId: dev, methodId: "dahua_qr_dmss", seq: 1, technicianId: tech.id, outcome: "failed", durationSeconds: 600 },
      { visitId, deviceId: dev, methodId: "dahua_reset_button", seq: 2, technicianId: tech.id, outcome: "succeeded", durationSeconds: 1500 },
    ]);
  }
}

describe("the job page's playbook follows measured results", () => {
  it("ranks by success on similar devices, with the reason; wiping methods wait for a backup", async () => {
    const tech = await makeUser("technician");
    const cust = await makeUser("customer");
    await history(tech, cust.customerId!);
    const device = await makeDevice(cust.customerId!, { brand: "dahua", kind: "nvr" });
    const visitId = await makeVisit({ customerId: cust.customerId!, technicianId: tech.id, startsAt: new Date(Date.now() + 86400_000), deviceIds: [device] });

    const job = await getJob(tech, visitId);
    const playbook = job.devices[0]!.playbook;
    const pos = (id: string) => playbook.findIndex((e) => e.method.id === id);
    // No config backup for this device: the non-destructive QR method still comes before the reset button.
    expect(pos("dahua_qr_dmss")).toBeLessThan(pos("dahua_reset_button"));
    expect(playbook[pos("dahua_reset_button")]!.recommendation).toMatch(/100% of 12 similar Dahua NVRs/);
    expect(playbook[pos("dahua_qr_dmss")]!.recommendation).toMatch(/0% of 12 similar Dahua NVRs/);

    // With a config backup in the vault, the method that works comes first even though it wipes.
    await storeBackup(tech, {
      deviceId: device,
      visitId,
      kind: "config",
      filename: "cfg.backup",
      contentType: "application/octet-stream",
      bytes: Buffer.from("cfg"),
    });
    const after = (await getJob(tech, visitId)).devices[0]!.playbook;
    expect(after.findIndex((e) => e.method.id === "dahua_reset_button")).toBeLessThan(after.findIndex((e) => e.method.id === "dahua_qr_dmss"));
  });

  it("a method that already failed on this device (here or on an earlier visit) is marked and moved down; its reason says so", async () => {
    const tech = await makeUser("technician");
    const cust = await makeUser("customer");
    const device = await makeDevice(cust.customerId!, { brand: "dahua", kind: "nvr" });
    const earlier = await makeVisit({
      customerId: cust.customerId!,
      technicianId: tech.id,
      startsAt: new Date(Date.UTC(2024, 5, 1, 15)),
      status: "completed",
      deviceIds: [device],
    });
    const db = await getDb();
    await db
      .insert(attempts)
      .values({ visitId: earlier, deviceId: device, methodId: "dahua_qr_dmss", seq: 1, technicianId: tech.id, outcome: "failed", durationSeconds: 600 });
    const visitId = await makeVisit({
      customerId: cust.customerId!,
      technicianId: tech.id,
      startsAt: new Date(Date.now() + 2 * 86400_000),
      deviceIds: [device],
    });
    const playbook = (await getJob(tech, visitId)).devices[0]!.playbook;
    const qr = playbook.find((e) => e.method.id === "dahua_qr_dmss")!;
    expect(qr.tried).toMatchObject({ outcome: "failed" });
    expect(qr.recommendation).toMatch(/^Tried on this device \(T-[0-9A-F]+\): failed/);
    expect(playbook.indexOf(qr)).toBeGreaterThan(playbook.findIndex((e) => e.method.id === "dahua_reset_button"));
  });
});
