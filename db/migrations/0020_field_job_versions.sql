CREATE SEQUENCE "public"."field_job_versions_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1;--> statement-breakpoint
CREATE TABLE "field_job_versions" (
	"scope" uuid PRIMARY KEY NOT NULL,
	"version" bigint NOT NULL
);
--> statement-breakpoint
-- The job for the phone's versions (db/tables/field.ts field_job_versions, lib/field/job-cache.ts). Every write to a
-- table the job reads gives the scopes it touches a new number, in the writing transaction: the visit, a device (its
-- attempts and config backups show at every visit it is on), or everything (the scope of zeros: settings, the
-- catalogue, people, customers, sites, and a TRUNCATE of any of these tables). The row lock of the upsert orders two
-- writers of one scope by commit, so the number a reader sees changes whenever what it reads has; scopes are taken in
-- uuid order within a statement.
CREATE FUNCTION field_job_bump(scopes uuid[]) RETURNS void LANGUAGE sql AS $$
  INSERT INTO field_job_versions AS f (scope, version)
  SELECT s, nextval('field_job_versions_seq') FROM (SELECT DISTINCT s FROM unnest(scopes) AS u(s) WHERE s IS NOT NULL ORDER BY 1) x
  ON CONFLICT (scope) DO UPDATE SET version = excluded.version
$$;
--> statement-breakpoint
-- The trigger's arguments name what a row touches: a column holding a visit's or a device's id, '*' (everything),
-- 'devices_of_id' (a visit's devices, which its attempts' devices are by attempts_visit_device_fk: their other visits
-- show it beside those attempts), 'visit_of_estimate_id'
-- and 'visit_of_entity_id' (an audit event about a visit: the status taps and their undo window).
CREATE FUNCTION field_job_touch() RETURNS trigger LANGUAGE plpgsql AS $$
DECLARE
  versions jsonb[] := ARRAY[]::jsonb[];
  r jsonb;
  arg text;
  scopes uuid[] := ARRAY[]::uuid[];
BEGIN
  IF TG_LEVEL = 'STATEMENT' THEN
    PERFORM field_job_bump(ARRAY['00000000-0000-0000-0000-000000000000'::uuid]);
    RETURN NULL;
  END IF;
  IF TG_OP IN ('UPDATE', 'DELETE') THEN versions := versions || to_jsonb(OLD); END IF;
  IF TG_OP IN ('UPDATE', 'INSERT') THEN versions := versions || to_jsonb(NEW); END IF;
  FOREACH r IN ARRAY versions LOOP
    FOREACH arg IN ARRAY TG_ARGV LOOP
      IF arg = '*' THEN
        scopes := scopes || '00000000-0000-0000-0000-000000000000'::uuid;
      ELSIF arg = 'devices_of_id' THEN
        scopes := scopes || ARRAY(SELECT device_id FROM visit_devices WHERE visit_id = (r->>'id')::uuid);
      ELSIF arg = 'visit_of_estimate_id' THEN
        scopes := scopes || (SELECT visit_id FROM estimates WHERE id = (r->>'estimate_id')::uuid);
      ELSIF arg = 'visit_of_entity_id' THEN
        IF r->>'entity_type' = 'visit' AND r->>'entity_id' ~* '^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$' THEN
          scopes := scopes || (r->>'entity_id')::uuid;
        END IF;
      ELSE
        scopes := scopes || (r->>arg)::uuid;
      END IF;
    END LOOP;
  END LOOP;
  PERFORM field_job_bump(scopes);
  RETURN NULL;
END $$;
--> statement-breakpoint
CREATE TRIGGER field_job_touch AFTER INSERT OR UPDATE OR DELETE ON visits FOR EACH ROW EXECUTE FUNCTION field_job_touch('id', 'devices_of_id');--> statement-breakpoint
CREATE TRIGGER field_job_touch AFTER INSERT OR UPDATE OR DELETE ON visit_devices FOR EACH ROW EXECUTE FUNCTION field_job_touch('visit_id', 'device_id');--> statement-breakpoint
CREATE TRIGGER field_job_touch AFTER INSERT OR UPDATE OR DELETE ON devices FOR EACH ROW EXECUTE FUNCTION field_job_touch('id');--> statement-breakpoint
CREATE TRIGGER field_job_touch AFTER INSERT OR UPDATE OR DELETE ON attempts FOR EACH ROW EXECUTE FUNCTION field_job_touch('device_id');--> statement-breakpoint
CREATE TRIGGER field_job_touch AFTER INSERT OR UPDATE OR DELETE ON config_backups FOR EACH ROW EXECUTE FUNCTION field_job_touch('visit_id', 'device_id');--> statement-breakpoint
CREATE TRIGGER field_job_touch AFTER INSERT OR UPDATE OR DELETE ON authorizations FOR EACH ROW EXECUTE FUNCTION field_job_touch('visit_id');--> statement-breakpoint
CREATE TRIGGER field_job_touch AFTER INSERT OR UPDATE OR DELETE ON checklists FOR EACH ROW EXECUTE FUNCTION field_job_touch('visit_id');--> statement-breakpoint
CREATE TRIGGER field_job_touch AFTER INSERT OR UPDATE OR DELETE ON vendor_cases FOR EACH ROW EXECUTE FUNCTION field_job_touch('visit_id');--> statement-breakpoint
CREATE TRIGGER field_job_touch AFTER INSERT OR UPDATE OR DELETE ON audit_events FOR EACH ROW EXECUTE FUNCTION field_job_touch('visit_of_entity_id');--> statement-breakpoint
CREATE TRIGGER field_job_touch AFTER INSERT OR UPDATE OR DELETE ON estimates FOR EACH ROW EXECUTE FUNCTION field_job_touch('visit_id');--> statement-breakpoint
CREATE TRIGGER field_job_touch AFTER INSERT OR UPDATE OR DELETE ON estimate_lines FOR EACH ROW EXECUTE FUNCTION field_job_touch('visit_of_estimate_id');--> statement-breakpoint
CREATE TRIGGER field_job_touch AFTER INSERT OR UPDATE OR DELETE ON invoices FOR EACH ROW EXECUTE FUNCTION field_job_touch('visit_id');--> statement-breakpoint
CREATE TRIGGER field_job_touch AFTER INSERT OR UPDATE OR DELETE ON recovery_methods FOR EACH ROW EXECUTE FUNCTION field_job_touch('*');--> statement-breakpoint
CREATE TRIGGER field_job_touch AFTER INSERT OR UPDATE OR DELETE ON settings FOR EACH ROW EXECUTE FUNCTION field_job_touch('*');--> statement-breakpoint
CREATE TRIGGER field_job_touch AFTER INSERT OR UPDATE OR DELETE ON customers FOR EACH ROW EXECUTE FUNCTION field_job_touch('*');--> statement-breakpoint
CREATE TRIGGER field_job_touch AFTER INSERT OR UPDATE OR DELETE ON sites FOR EACH ROW EXECUTE FUNCTION field_job_touch('*');--> statement-breakpoint
-- A sign-in stamps last_login_at; nothing in a job shows it, and every sign-in would otherwise rebuild every job.
CREATE TRIGGER field_job_touch AFTER UPDATE ON users FOR EACH ROW
  WHEN ((to_jsonb(OLD) - 'last_login_at') IS DISTINCT FROM (to_jsonb(NEW) - 'last_login_at')) EXECUTE FUNCTION field_job_touch('*');--> statement-breakpoint
CREATE TRIGGER field_job_touch_gone AFTER DELETE ON users FOR EACH ROW EXECUTE FUNCTION field_job_touch('*');--> statement-breakpoint
CREATE TRIGGER field_job_truncate AFTER TRUNCATE ON visits FOR EACH STATEMENT EXECUTE FUNCTION field_job_touch();--> statement-breakpoint
CREATE TRIGGER field_job_truncate AFTER TRUNCATE ON visit_devices FOR EACH STATEMENT EXECUTE FUNCTION field_job_touch();--> statement-breakpoint
CREATE TRIGGER field_job_truncate AFTER TRUNCATE ON devices FOR EACH STATEMENT EXECUTE FUNCTION field_job_touch();--> statement-breakpoint
CREATE TRIGGER field_job_truncate AFTER TRUNCATE ON attempts FOR EACH STATEMENT EXECUTE FUNCTION field_job_touch();--> statement-breakpoint
CREATE TRIGGER field_job_truncate AFTER TRUNCATE ON config_backups FOR EACH STATEMENT EXECUTE FUNCTION field_job_touch();--> statement-breakpoint
CREATE TRIGGER field_job_truncate AFTER TRUNCATE ON authorizations FOR EACH STATEMENT EXECUTE FUNCTION field_job_touch();--> statement-breakpoint
CREATE TRIGGER field_job_truncate AFTER TRUNCATE ON checklists FOR EACH STATEMENT EXECUTE FUNCTION field_job_touch();--> statement-breakpoint
CREATE TRIGGER field_job_truncate AFTER TRUNCATE ON vendor_cases FOR EACH STATEMENT EXECUTE FUNCTION field_job_touch();--> statement-breakpoint
CREATE TRIGGER field_job_truncate AFTER TRUNCATE ON audit_events FOR EACH STATEMENT EXECUTE FUNCTION field_job_touch();--> statement-breakpoint
CREATE TRIGGER field_job_truncate AFTER TRUNCATE ON estimates FOR EACH STATEMENT EXECUTE FUNCTION field_job_touch();--> statement-breakpoint
CREATE TRIGGER field_job_truncate AFTER TRUNCATE ON estimate_lines FOR EACH STATEMENT EXECUTE FUNCTION field_job_touch();--> statement-breakpoint
CREATE TRIGGER field_job_truncate AFTER TRUNCATE ON invoices FOR EACH STATEMENT EXECUTE FUNCTION field_job_touch();--> statement-breakpoint
CREATE TRIGGER field_job_truncate AFTER TRUNCATE ON recovery_methods FOR EACH STATEMENT EXECUTE FUNCTION field_job_touch();--> statement-breakpoint
CREATE TRIGGER field_job_truncate AFTER TRUNCATE ON settings FOR EACH STATEMENT EXECUTE FUNCTION field_job_touch();--> statement-breakpoint
CREATE TRIGGER field_job_truncate AFTER TRUNCATE ON customers FOR EACH STATEMENT EXECUTE FUNCTION field_job_touch();--> statement-breakpoint
CREATE TRIGGER field_job_truncate AFTER TRUNCATE ON sites FOR EACH STATEMENT EXECUTE FUNCTION field_job_touch();--> statement-breakpoint
CREATE TRIGGER field_job_truncate AFTER TRUNCATE ON users FOR EACH STATEMENT EXECUTE FUNCTION field_job_touch();--> statement-breakpoint
-- The fingerprint (was: the row versions of every row the job reads, md5'd; its cost grew with the devices' history):
-- the visit's version, each of its devices with its version, the global version, and the success figures' latest
-- change (report_deltas' sequence and report_state's row, which move with every attempt anywhere).
CREATE OR REPLACE FUNCTION field_job_fingerprint(v uuid) RETURNS text LANGUAGE plpgsql STABLE AS $$
BEGIN
  RETURN concat_ws('|',
    (SELECT version FROM field_job_versions WHERE scope = v),
    (SELECT string_agg(vd.device_id::text || '=' || coalesce(fv.version, 0), ';' ORDER BY vd.device_id)
       FROM visit_devices vd LEFT JOIN field_job_versions fv ON fv.scope = vd.device_id WHERE vd.visit_id = v),
    (SELECT version FROM field_job_versions WHERE scope = '00000000-0000-0000-0000-000000000000'),
    (SELECT concat_ws(',', rs.xmin, (SELECT last_value FROM report_deltas_id_seq)) FROM report_state rs));
END $$;
