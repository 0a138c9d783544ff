CREATE INDEX "report_profiles_devkey_idx" ON "report_profiles" USING btree ("devkey");--> statement-breakpoint
CREATE INDEX "report_sigs_profiles_gin" ON "report_sigs" USING gin ("profiles");