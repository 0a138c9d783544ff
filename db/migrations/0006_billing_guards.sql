-- Billing guards that CHECK constraints cannot express (see db/tables/billing.ts).
-- Each raises check_violation (23514) naming a constraint, so lib/platform/errors.ts
-- turns it into a message like any other constraint.

-- Lines of an invoice change only while it is a draft.
CREATE OR REPLACE FUNCTION billing_invoice_lines_guard() RETURNS trigger AS $$
DECLARE
  parent_status text;
BEGIN
  SELECT status INTO parent_status FROM invoices WHERE id = COALESCE(NEW.invoice_id, OLD.invoice_id);
  IF parent_status IS NOT NULL AND parent_status <> 'draft' THEN
    RAISE EXCEPTION 'lines of an issued invoice cannot change' USING ERRCODE = '23514', CONSTRAINT = 'invoice_lines_draft_only';
  END IF;
  IF TG_OP = 'UPDATE' AND NEW.invoice_id <> OLD.invoice_id THEN
    RAISE EXCEPTION 'a line cannot move to another invoice' USING ERRCODE = '23514', CONSTRAINT = 'invoice_lines_draft_only';
  END IF;
  RETURN COALESCE(NEW, OLD);
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER invoice_lines_draft_only BEFORE INSERT OR UPDATE OR DELETE ON invoice_lines FOR EACH ROW EXECUTE FUNCTION billing_invoice_lines_guard();
--> statement-breakpoint

-- An issued invoice is immutable: only payments, credits, its status and the reminder mark move.
-- When it is issued, its totals must be the sum of its lines.
CREATE OR REPLACE FUNCTION billing_invoices_guard() RETURNS trigger AS $$
DECLARE
  line_net bigint;
  line_tax bigint;
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'an issued invoice cannot be deleted' USING ERRCODE = '23514', CONSTRAINT = 'invoices_issued_immutable';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status = 'void' AND NEW.status <> 'void' THEN
    RAISE EXCEPTION 'a void invoice stays void' USING ERRCODE = '23514', CONSTRAINT = 'invoices_issued_immutable';
  END IF;
  IF OLD.status <> 'draft' AND (
       NEW.subtotal_cents <> OLD.subtotal_cents OR NEW.tax_cents <> OLD.tax_cents OR NEW.total_cents <> OLD.total_cents
    OR NEW.currency <> OLD.currency OR NEW.visit_id <> OLD.visit_id OR NEW.customer_id <> OLD.customer_id
    OR NEW.number IS DISTINCT FROM OLD.number OR NEW.issued_at IS DISTINCT FROM OLD.issued_at
    OR NEW.due_on IS DISTINCT FROM OLD.due_on OR NEW.terms_days <> OLD.terms_days OR NEW.status = 'draft') THEN
    RAISE EXCEPTION 'an issued invoice cannot change' USING ERRCODE = '23514', CONSTRAINT = 'invoices_issued_immutable';
  END IF;
  IF OLD.status = 'draft' AND NEW.status NOT IN ('draft', 'void') THEN
    SELECT COALESCE(sum(net_cents), 0), COALESCE(sum(tax_cents), 0) INTO line_net, line_tax FROM invoice_lines WHERE invoice_id = NEW.id;
    IF line_net <> NEW.subtotal_cents OR line_tax <> NEW.tax_cents THEN
      RAISE EXCEPTION 'invoice totals are not the sum of its lines' USING ERRCODE = '23514', CONSTRAINT = 'invoices_totals_match_lines';
    END IF;
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER invoices_issued_immutable BEFORE UPDATE OR DELETE ON invoices FOR EACH ROW EXECUTE FUNCTION billing_invoices_guard();
--> statement-breakpoint

-- Lines of an estimate change only while it is open (draft or sent) and current.
CREATE OR REPLACE FUNCTION billing_estimate_lines_guard() RETURNS trigger AS $$
DECLARE
  e record;
BEGIN
  SELECT status, superseded_at INTO e FROM estimates WHERE id = COALESCE(NEW.estimate_id, OLD.estimate_id);
  IF FOUND AND (e.status NOT IN ('draft', 'sent') OR e.superseded_at IS NOT NULL) THEN
    RAISE EXCEPTION 'lines of an answered or replaced estimate cannot change' USING ERRCODE = '23514', CONSTRAINT = 'estimate_lines_open_only';
  END IF;
  RETURN COALESCE(NEW, OLD);
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER estimate_lines_open_only BEFORE INSERT OR UPDATE OR DELETE ON estimate_lines FOR EACH ROW EXECUTE FUNCTION billing_estimate_lines_guard();
--> statement-breakpoint

-- An accepted or declined estimate is immutable; it can only be marked as replaced by a newer version.
CREATE OR REPLACE FUNCTION billing_estimates_guard() RETURNS trigger AS $$
BEGIN
  IF TG_OP = 'DELETE' THEN
    IF OLD.status <> 'draft' THEN
      RAISE EXCEPTION 'a sent estimate cannot be deleted' USING ERRCODE = '23514', CONSTRAINT = 'estimates_answered_immutable';
    END IF;
    RETURN OLD;
  END IF;
  IF OLD.status IN ('accepted', 'declined') AND (
       NEW.status <> OLD.status OR NEW.subtotal_cents <> OLD.subtotal_cents OR NEW.tax_cents <> OLD.tax_cents OR NEW.total_cents <> OLD.total_cents
    OR NEW.revision <> OLD.revision OR NEW.accepted_name IS DISTINCT FROM OLD.accepted_name OR NEW.accepted_at IS DISTINCT FROM OLD.accepted_at
    OR NEW.declined_at IS DISTINCT FROM OLD.declined_at OR NEW.notes IS DISTINCT FROM OLD.notes) THEN
    RAISE EXCEPTION 'an answered estimate cannot change' USING ERRCODE = '23514', CONSTRAINT = 'estimates_answered_immutable';
  END IF;
  IF OLD.superseded_at IS NOT NULL AND NEW.superseded_at IS DISTINCT FROM OLD.superseded_at THEN
    RAISE EXCEPTION 'a replaced estimate stays replaced' USING ERRCODE = '23514', CONSTRAINT = 'estimates_answered_immutable';
  END IF;
  RETURN NEW;
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER estimates_answered_immutable BEFORE UPDATE OR DELETE ON estimates FOR EACH ROW EXECUTE FUNCTION billing_estimates_guard();
--> statement-breakpoint

-- Credit notes, their lines and payments are append-only.
CREATE OR REPLACE FUNCTION billing_append_only() RETURNS trigger AS $$
BEGIN
  RAISE EXCEPTION '% rows cannot be changed or deleted', TG_TABLE_NAME USING ERRCODE = '23514', CONSTRAINT = TG_TABLE_NAME || '_append_only';
END;
$$ LANGUAGE plpgsql;
--> statement-breakpoint
CREATE TRIGGER credit_notes_append_only BEFORE UPDATE OR DELETE ON credit_notes FOR EACH ROW EXECUTE FUNCTION billing_append_only();
--> statement-breakpoint
CREATE TRIGGER credit_note_lines_append_only BEFORE UPDATE OR DELETE ON credit_note_lines FOR EACH ROW EXECUTE FUNCTION billing_append_only();
--> statement-breakpoint
CREATE TRIGGER payments_append_only BEFORE UPDATE OR DELETE ON payments FOR EACH ROW EXECUTE FUNCTION billing_append_only();
--> statement-breakpoint

-- A starting price list (admins change it at /admin/prices): USD cents, taxable.
INSERT INTO price_items (kind, brand, device_class, surcharge, name, unit_cents, taxable, sort_order) VALUES
  ('call_out', NULL, NULL, NULL, 'Call-out fee', 8900, true, 0),
  ('device', 'dahua', 'recorder', NULL, 'Dahua recorder (DVR/NVR) recovery', 4900, true, 10),
  ('device', 'dahua', 'camera', NULL, 'Dahua camera recovery', 2900, true, 11),
  ('device', 'hikvision', 'recorder', NULL, 'Hikvision recorder (DVR/NVR) recovery', 4900, true, 12),
  ('device', 'hikvision', 'camera', NULL, 'Hikvision camera recovery', 2900, true, 13),
  ('device', 'lorex', 'recorder', NULL, 'Lorex recorder (DVR/NVR) recovery', 4900, true, 14),
  ('device', 'lorex', 'camera', NULL, 'Lorex camera recovery', 2900, true, 15),
  ('surcharge', NULL, NULL, 'after_hours', 'After-hours surcharge', 5000, true, 20),
  ('surcharge', NULL, NULL, 'weekend', 'Weekend surcharge', 4000, true, 21),
  ('surcharge', NULL, NULL, 'same_day', 'Same-day surcharge', 3500, true, 22),
  ('vendor_case_fee', NULL, NULL, NULL, 'Vendor-case handling', 2500, true, 30),
  ('extra', NULL, NULL, NULL, 'Replacement power supply', 1999, true, 40);
