CREATE TABLE "field_job_cache" (
	"visit_id" uuid NOT NULL,
	"viewer_id" uuid NOT NULL,
	"viewer_role" text NOT NULL,
	"fingerprint" text NOT NULL,
	"valid_until" timestamp with time zone NOT NULL,
	"body" text NOT NULL,
	"built_at" timestamp with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "field_job_cache_visit_id_viewer_id_pk" PRIMARY KEY("visit_id","viewer_id")
);
--> statement-breakpoint
ALTER TABLE "field_job_cache" ADD CONSTRAINT "field_job_cache_visit_id_visits_id_fk" FOREIGN KEY ("visit_id") REFERENCES "public"."visits"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "field_job_cache" ADD CONSTRAINT "field_job_cache_viewer_id_users_id_fk" FOREIGN KEY ("viewer_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "field_job_cache_valid_idx" ON "field_job_cache" USING btree ("valid_until");--> statement-breakpoint
-- The version of everything a job for the phone is built from (lib/field/job.ts getJob, lib/field/sync.ts getFieldJob):
-- the row versions (xmin: a new one on every insert and update) of the visit, its technician, customer and site, its
-- devices, their attempts (on any visit: the playbook marks what was tried before) and config backups, its
-- authorization and recorder, checklist, vendor cases, status taps, estimate and invoice; the playbook catalogue and
-- the company settings; and the success figures' latest change (report_deltas' sequence, report_state's row).
-- A deleted row shortens its list, so deletions change it too. lib/field/job-cache.ts serves a stored job only while
-- this is unchanged; a table the job reads that is missing here would serve stale data (job-cache.test.ts writes to
-- every one of them and compares the served job with a fresh build).
CREATE OR REPLACE FUNCTION field_job_fingerprint(v uuid) RETURNS text LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN md5(concat_ws('|',
    (SELECT concat_ws(',', x.xmin, t.xmin, c.xmin, s.xmin) FROM visits x
       JOIN customers c ON c.id = x.customer_id JOIN sites s ON s.id = x.site_id LEFT JOIN users t ON t.id = x.technician_id
       WHERE x.id = v),
    (SELECT string_agg(concat_ws(',', vd.xmin, d.xmin), ';' ORDER BY d.id) FROM visit_devices vd JOIN devices d ON d.id = vd.device_id
       WHERE vd.visit_id = v),
    (SELECT string_agg(concat_ws(',', a.xmin, u.xmin, ov.xmin), ';' ORDER BY a.id) FROM attempts a
       JOIN users u ON u.id = a.technician_id JOIN visits ov ON ov.id = a.visit_id
       WHERE a.device_id IN (SELECT device_id FROM visit_devices WHERE visit_id = v)),
    (SELECT string_agg(b.xmin::text, ';' ORDER BY b.id) FROM config_backups b
       WHERE b.visit_id = v OR b.device_id IN (SELECT device_id FROM visit_devices WHERE visit_id = v)),
    (SELECT concat_ws(',', au.xmin, r.xmin) FROM authorizations au LEFT JOIN users r ON r.id = au.recorded_by WHERE au.visit_id = v),
    (SELECT ch.xmin::text FROM checklists ch WHERE ch.visit_id = v),
    (SELECT string_agg(vc.xmin::text, ';' ORDER BY vc.id) FROM vendor_cases vc WHERE vc.visit_id = v),
    (SELECT max(ae.id)::text FROM audit_events ae WHERE ae.entity_type = 'visit' AND ae.entity_id = v::text),
    (SELECT string_agg(concat_ws(',', e.xmin, (SELECT string_agg(l.xmin::text, ',' ORDER BY l.id) FROM estimate_lines l WHERE l.estimate_id = e.id)), ';' ORDER BY e.id)
       FROM estimates e WHERE e.visit_id = v),
    (SELECT string_agg(i.xmin::text, ';' ORDER BY i.id) FROM invoices i WHERE i.visit_id = v),
    (SELECT string_agg(m.xmin::text, ';' ORDER BY m.id) FROM recovery_methods m),
    (SELECT string_agg(st.xmin::text, ';' ORDER BY st.key) FROM settings st),
    (SELECT concat_ws(',', rs.xmin, (SELECT last_value FROM report_deltas_id_seq)) FROM report_state rs)
  ));
END $$;
