/**
 * Reads a fault suite's database after the fact and reports, for every row the
 * write stream can create, whether the rest of its transaction is there too:
 *   FAULTS_OUT=<json file> tsx --conditions=react-server e2e/support/faults-check.ts
 * (with the server's environment, while no server holds an embedded database).
 */
import fs from "node:fs";
import { sql } from "drizzle-orm";
import { getDatabaseHandle } from "@/db/client";
import { open } from "@/lib/backups/crypto";

export type FaultsCheck = {
  visits: { id: string; idempotencyKey: string | null; devices: number; mails: number; audits: number; webhooks: number }[];
  attempts: { id: string; seq: number; audits: number }[];
  backups: { id: string; sha256: string; version: number; audits: number; webhooks: number; opens: boolean }[];
};

type Row = Record<string, unknown>;

async function main() {
  const out = process.env.FAULTS_OUT;
  if (!out) throw new Error("set FAULTS_OUT");
  const handle = await getDatabaseHandle();
  const db = handle.db;
  const rows = async (q: ReturnType<typeof sql>) => {
    const r = (await db.execute(q)) as unknown as { rows?: Row[] } | Row[];
    return (Array.isArray(r) ? r : r.rows!) as Row[];
  };
  const visits = await rows(sql`
    select v.id, v.idempotency_key,
      (select count(*) from visit_devices vd where vd.visit_id = v.id)::int as devices,
      (select count(*) from mail_outbox m where m.visit_id = v.id)::int as mails,
      (select count(*) from audit_events a where a.entity_type = 'visit' and a.entity_id = v.id::text and a.action = 'visit.book')::int as audits,
      (select count(*) from webhook_deliveries w where w.event = 'visit.booked' and w.payload->'data'->'visit'->>'id' = v.id::text)::int as webhooks
    from visits v where v.reference <> 'FK-FAULT1'`);
  const attempts = await rows(sql`
    select t.id, t.seq, (select count(*) from audit_events a where a.entity_type = 'attempt' and a.entity_id = t.id::text and a.action = 'attempt.log')::int as audits
    from attempts t`);
  const backups = await rows(sql`
    select b.id, b.sha256, b.version, b.ciphertext, b.iv, b.auth_tag, b.key_id,
      (select count(*) from audit_events a where a.entity_type = 'config_backup' and a.entity_id = b.id::text and a.action = 'backup.upload')::int as audits,
      (select count(*) from webhook_deliveries w where w.event = 'backup.uploaded' and w.payload->'data'->>'backupId' = b.id::text)::int as webhooks
    from config_backups b`);
  const buf = (v: unknown) => (Buffer.isBuffer(v) ? v : Buffer.from(v as Uint8Array));
  const result: FaultsCheck = {
    visits: visits.map((v) => ({
      id: String(v.id),
      idempotencyKey: (v.idempotency_key as string) ?? null,
      devices: Number(v.devices),
      mails: Number(v.mails),
      audits: Number(v.audits),
      webhooks: Number(v.webhooks),
    })),
    attempts: attempts.map((t) => ({ id: String(t.id), seq: Number(t.seq), audits: Number(t.audits) })),
    backups: backups.map((b) => {
      let opens = true;
      try {
        open(String(b.id), { ciphertext: buf(b.ciphertext), iv: buf(b.iv), authTag: buf(b.auth_tag), keyId: String(b.key_id) }, String(b.sha256));
      } catch {
        opens = false;
      }
      return { id: String(b.id), sha256: String(b.sha256), version: Number(b.version), audits: Number(b.audits), webhooks: Number(b.webhooks), opens };
    }),
  };
  fs.writeFileSync(out, JSON.stringify(result));
  await handle.close();
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
