import Papa from "papaparse";
import { beforeAll, describe, expect, it } from "vitest";
import { makeDevice, makeUser, makeVisit } from "@/test/support/factories";
import type { Actor } from "@/lib/auth/permissions";
import { toCsv, type Column } from "./csv";
import { exportAttemptsCsv, exportReportTable } from "./export";
import { addAttempt } from "@/test/support/reports";

const NASTY = '=HYPERLINK("http://x","y")\nsecond line, with a comma\r\nand "quotes"';
type Row = { note: string; n: number };
const cols: Column<Row>[] = [
  { header: "note", value: (r) => r.note },
  { header: "n", value: (r) => r.n },
];
const parse = (csv: string) => Papa.parse<string[]>(csv, { skipEmptyLines: true }).data;

describe("CSV", () => {
  it("neutralises formulas (even multi-line ones) and round-trips commas, quotes and newlines", () => {
    const csv = toCsv(cols, [{ note: NASTY, n: 1 }]);
    const rows = parse(csv);
    expect(rows).toEqual([
      ["note", "n"],
      ["'" + NASTY, "1"],
    ]);
    // No line of the file starts a cell with a formula character.
    expect(csv).not.toMatch(/(^|,|\r\n)"?=/);
  });

  it("prefixes every dangerous first character, and only those", () => {
    const notes = ["+1+2", "-2+3", "@SUM(A1)", "\tx", "\rx", "=1", "plain", "a=b", "", "1-2"];
    const rows = parse(
      toCsv(
        cols,
        notes.map((note, n) => ({ note, n: -n })),
      ),
    );
    expect(rows.slice(1).map((r) => r[0])).toEqual(["'+1+2", "'-2+3", "'@SUM(A1)", "'\tx", "'\rx", "'=1", "plain", "a=b", "", "1-2"]);
    // numbers are data, not text: a negative count stays a number
    expect(rows[2]![1]).toBe("-1");
  });
});

describe("CSV exports", () => {
  let admin: Actor;
  let tech: Actor;
  beforeAll(async () => {
    admin = await makeUser("admin");
    tech = await makeUser("technician", { name: 'Terry, "the" Tech' });
    const customerId = (await makeUser("customer")).customerId!;
    const d = await makeDevice(customerId, { brand: "hikvision", kind: "nvr" });
    const v = await makeVisit({ customerId, technicianId: tech.id, startsAt: new Date("2025-05-05T14:00:00Z"), status: "completed", deviceIds: [d] });
    await addAttempt({
      visitId: v,
      deviceId: d,
      technicianId: tech.id,
      methodId: "hik_reserved_email_qr",
      outcome: "failed",
      durationMinutes: 9,
      notes: NASTY,
    });
    await addAttempt({ visitId: v, deviceId: d, technicianId: tech.id, methodId: "hik_security_questions", outcome: "succeeded", durationMinutes: 4 });
  });

  const collect = async (gen: AsyncGenerator<string>) => {
    let s = "";
    for await (const chunk of gen) s += chunk;
    return s;
  };

  it("raw attempts carry the device facts and the note survives intact, across pages", async () => {
    const csv = await collect(exportAttemptsCsv(admin, {}, { pageSize: 1 }));
    const rows = Papa.parse<Record<string, string>>(csv, { header: true, skipEmptyLines: true }).data;
    expect(rows).toHaveLength(2);
    const failed = rows.find((r) => r.outcome === "failed")!;
    expect(failed).toMatchObject({
      brand: "hikvision",
      kind: "nvr",
      model: "TEST-1",
      method_id: "hik_reserved_email_qr",
      duration_minutes: "9",
      technician: 'Terry, "the" Tech',
      day: "2025-06-02",
      recovery_email: "unknown",
    });
    expect(failed.notes).toBe("'" + NASTY);
  });

  it("filters the raw attempts like the report", async () => {
    const csv = await collect(exportAttemptsCsv(admin, { brand: "dahua" }));
    expect(Papa.parse(csv, { skipEmptyLines: true }).data).toHaveLength(1); // the header only
  });

  it("tables hold the report's numbers", async () => {
    const rows = Papa.parse<Record<string, string>>(await exportReportTable(admin, "brand-method", {}), { header: true, skipEmptyLines: true }).data;
    expect(rows.map((r) => [r.method_id, r.attempts, r.succeeded, r.small_sample])).toEqual([
      ["hik_security_questions", "1", "1", "yes"],
      ["hik_reserved_email_qr", "1", "0", "yes"],
    ]);
    const techs = Papa.parse<Record<string, string>>(await exportReportTable(admin, "technicians", {}), { header: true, skipEmptyLines: true }).data;
    expect(techs).toEqual([
      expect.objectContaining({ technician: 'Terry, "the" Tech', attempts: "2", succeeded: "1", rate: "0.5", completed_visits: "1", first_visit_fixes: "1" }),
    ]);
  });

  it("are for admins only", async () => {
    await expect(exportReportTable(tech, "trend", {})).rejects.toMatchObject({ status: 403 });
    await expect(collect(exportAttemptsCsv(tech, {}))).rejects.toMatchObject({ status: 403 });
  });
});
