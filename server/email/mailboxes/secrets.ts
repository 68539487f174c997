import "server-only";
import crypto from "node:crypto";
import { getAuthSecret } from "@/server/auth/secret";

/**
 * Mailbox secrets (IMAP/SMTP passwords, OAuth2 tokens) at rest: AES-256-GCM
 * under a key derived from AUTH_SECRET, so a database dump alone does not
 * give away the team's mail passwords. Stored as "v1:<iv>:<tag>:<data>"
 * (base64url). Rotating AUTH_SECRET means entering the secrets again.
 */
const version = "v1";

function key(secret: string): Buffer {
  return Buffer.from(crypto.hkdfSync("sha256", secret, "frontdesk mailbox secrets", "v1", 32));
}

export function encryptSecret(plain: string, secret: string = getAuthSecret()): string {
  const iv = crypto.randomBytes(12);
  const cipher = crypto.createCipheriv("aes-256-gcm", key(secret), iv);
  const data = Buffer.concat([cipher.update(plain, "utf8"), cipher.final()]);
  return [version, iv.toString("base64url"), cipher.getAuthTag().toString("base64url"), data.toString("base64url")].join(":");
}

export class UnreadableSecretError extends Error {
  constructor() {
    super("A stored mailbox secret cannot be read (was AUTH_SECRET changed?): enter the password or token again.");
    this.name = "UnreadableSecretError";
  }
}

export function decryptSecret(stored: string, secret: string = getAuthSecret()): string {
  const [storedVersion, iv, tag, data] = stored.split(":");
  if (storedVersion !== version || !iv || !tag || data === undefined) throw new UnreadableSecretError();
  try {
    const decipher = crypto.createDecipheriv("aes-256-gcm", key(secret), Buffer.from(iv, "base64url"));
    decipher.setAuthTag(Buffer.from(tag, "base64url"));
    return Buffer.concat([decipher.update(Buffer.from(data, "base64url")), decipher.final()]).toString("utf8");
  } catch {
    throw new UnreadableSecretError();
  }
}
