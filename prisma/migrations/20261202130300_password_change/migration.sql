-- Accounts an admin created start on a password the admin knows: the user changes it at first sign-in.
ALTER TABLE "User" ADD COLUMN "mustChangePassword" BOOLEAN NOT NULL DEFAULT false;
