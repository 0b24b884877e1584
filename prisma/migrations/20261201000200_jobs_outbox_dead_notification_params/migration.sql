-- Outbox rows that cannot be relayed are set aside with their reason.
ALTER TABLE "OutboxMessage" ADD COLUMN "deadAt" TIMESTAMP(3);

-- Notifications are stored as kind + parameters and rendered in the reader's language, rows written
-- before keep their rendered title and body (read as they are).
ALTER TABLE "Notification" ADD COLUMN "params" JSONB;
ALTER TABLE "Notification" ALTER COLUMN "title" DROP NOT NULL;
ALTER TABLE "Notification" ALTER COLUMN "body" DROP NOT NULL;
