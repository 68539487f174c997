import "server-only";
import path from "node:path";
import { z } from "zod";
import { parseProxyTrust } from "./proxy-trust";

/**
 * All configuration, read and validated once. Nothing else reads process.env.
 * Every variable is optional: with none set, Frontdesk runs on the embedded
 * database under ./.data with demo data.
 */
const envSchema = z.object({
  NODE_ENV: z.enum(["development", "production", "test"]).default("development"),
  DATABASE_URL: z.url().optional(),
  DATA_DIR: z.string().min(1).default(".data"),
  AUTH_SECRET: z.string().min(32, "AUTH_SECRET must be at least 32 characters").optional(),
  APP_URL: z.url().default("http://localhost:3000"),
  DEMO_SEED: z.enum(["auto", "always", "never"]).default("auto"),
  RESEND_API_KEY: z.string().min(1).optional(),
  /** Signing secret of the Resend webhook (whsec_…); the webhook refuses everything without it. */
  RESEND_WEBHOOK_SECRET: z.string().min(1).optional(),
  /** The support mailbox: the From of outgoing mail, and the base of per-ticket Reply-To addresses. */
  SUPPORT_EMAIL: z.email().default("support@frontdesk.local"),
  EMAIL_FROM_NAME: z.string().min(1).max(100).default("Frontdesk Support"),
  /** Shared secret for POST /api/inbound/mime (raw RFC 822 from any mail server); unset disables it. */
  INBOUND_SECRET: z.string().min(16, "INBOUND_SECRET must be at least 16 characters").optional(),
  /** Largest inbound email accepted, in bytes. */
  INBOUND_MAX_BYTES: z.coerce.number().int().min(1024).default(25 * 1024 * 1024),
  /** "inline" runs email delivery and timed jobs in the app process; "external" leaves them to `npm run worker`. */
  BACKGROUND_JOBS: z.enum(["inline", "external"]).default("inline"),
  /** Sign-ups allowed per client address per hour (the e2e suite, all from 127.0.0.1, raises it). */
  SIGN_UPS_PER_ADDRESS_PER_HOUR: z.coerce.number().int().min(1).max(100_000).default(20),
  /** REST API requests allowed per token per minute; more answer 429 with Retry-After. */
  API_RATE_LIMIT_PER_MINUTE: z.coerce.number().int().min(1).max(1_000_000).default(600),
  /** How often timed jobs (auto-close, SLA breaches, sweeps) run, in seconds. */
  TIMED_JOBS_INTERVAL_SECONDS: z.coerce.number().int().min(1).max(3600).default(60),
  /**
   * Proxies whose X-Forwarded-For is believed: a hop count ("1": one proxy in
   * front, whatever its address) or addresses and CIDR ranges ("10.0.0.0/8, ::1").
   * Unset trusts none: a client's address is its socket's.
   */
  TRUSTED_PROXIES: z
    .string()
    .optional()
    .refine((value) => parseProxyTrust(value) !== null, "TRUSTED_PROXIES must be a hop count (0 to 10) or a comma-separated list of IP addresses and CIDR ranges"),
  /** Send the Content-Security-Policy as report-only, for operators who embed the app and watch violations first. */
  CSP_REPORT_ONLY: z.stringbool().default(false),
  /**
   * Let webhooks reach loopback, private (RFC 1918, fc00::/7) and CGNAT
   * addresses, for development and tests. Off by default, so an endpoint URL
   * cannot make the server probe its own network; link-local addresses (the
   * cloud metadata service) stay refused either way.
   */
  WEBHOOKS_ALLOW_PRIVATE: z.stringbool().default(false),
  /** Keep attachments in this S3-compatible bucket instead of DATA_DIR/attachments (needed with more than one app server). */
  S3_BUCKET: z.string().min(3).max(63).optional(),
  /** The S3 API's URL for anything that is not AWS (MinIO, R2, s3rver); unset uses AWS's endpoint for S3_REGION. */
  S3_ENDPOINT: z.url().optional(),
  S3_REGION: z.string().min(1).default("us-east-1"),
  /** Both or neither; unset uses the AWS SDK's default chain (AWS_* variables, profile, instance role). */
  S3_ACCESS_KEY_ID: z.string().min(1).optional(),
  S3_SECRET_ACCESS_KEY: z.string().min(1).optional(),
  /** Path-style URLs (endpoint/bucket/key), which MinIO and s3rver need. */
  S3_FORCE_PATH_STYLE: z.stringbool().default(false),
}).refine((e) => Boolean(e.S3_ACCESS_KEY_ID) === Boolean(e.S3_SECRET_ACCESS_KEY), {
  path: ["S3_SECRET_ACCESS_KEY"],
  message: "S3_ACCESS_KEY_ID and S3_SECRET_ACCESS_KEY go together: set both, or neither for the SDK's default chain",
});

export type Env = z.infer<typeof envSchema>;

function readEnv(): Env {
  const parsed = envSchema.safeParse(process.env);
  if (!parsed.success) {
    const problems = parsed.error.issues.map((i) => `  ${i.path.join(".")}: ${i.message}`).join("\n");
    throw new Error(`Invalid configuration:\n${problems}`);
  }
  return parsed.data;
}

export const env = readEnv();

/** Absolute folder for local state: the embedded database, the generated secret, uploads. */
export const dataDir = path.resolve(env.DATA_DIR);
