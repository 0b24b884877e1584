-- The password-reset mail's state (decision 096): a sender's claim and the time it was sent.
-- AlterTable
ALTER TABLE "PasswordResetToken" ADD COLUMN     "mailClaimToken" TEXT,
ADD COLUMN     "mailClaimedAt" TIMESTAMP(3),
ADD COLUMN     "mailedAt" TIMESTAMP(3);

