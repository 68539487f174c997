-- Members who joined an organization by their email domain alone, before
-- the address was ever proven, wait again: verifying the address (an email
-- link) or an admin's approval lets them back in.
UPDATE "users"
SET "pending_organization_id" = "organization_id", "organization_id" = NULL
WHERE "role" = 'customer' AND "organization_id" IS NOT NULL AND "email_verified" IS NULL;
