import "server-only";
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import { dataDir, env, type Env } from "@/server/env";

export class MissingSecretError extends Error {
  constructor() {
    super(
      "AUTH_SECRET is not set. Production refuses to start without a real secret: " +
        "set AUTH_SECRET to at least 32 random characters (for example: openssl rand -base64 33).",
    );
    this.name = "MissingSecretError";
  }
}

/**
 * The key that signs session tokens. Production must be given one; in
 * development one is generated once and kept in the data folder, so the run
 * command needs no configuration and sessions survive restarts.
 */
export function getAuthSecret(
  config: Pick<Env, "AUTH_SECRET" | "NODE_ENV"> = env,
  folder: string = dataDir,
): string {
  if (config.AUTH_SECRET) return config.AUTH_SECRET;
  if (config.NODE_ENV === "production") throw new MissingSecretError();
  const file = path.join(folder, "auth-secret");
  try {
    return fs.readFileSync(file, "utf8").trim();
  } catch {
    fs.mkdirSync(folder, { recursive: true });
    const secret = crypto.randomBytes(33).toString("base64url");
    try {
      fs.writeFileSync(file, secret, { flag: "wx", mode: 0o600 });
      return secret;
    } catch {
      // Another process wrote it first: use theirs.
      return fs.readFileSync(file, "utf8").trim();
    }
  }
}
