ALTER TABLE "webhook_deliveries" DROP CONSTRAINT "webhook_deliveries_response_len";--> statement-breakpoint
ALTER TABLE "webhook_deliveries" DROP COLUMN "last_response";