/**
 * The attachments part of the multi-process test: both apps keep files in
 * one S3-compatible bucket (s3-server.ts), so a file uploaded through one app
 * (POST /api/v1/attachments, then a ticket that names it) downloads
 * byte-identical through the other, by its owner (REST API) and by staff
 * (the desk's download route, with a session cookie); a customer who may not
 * see it gets 404 there by either door. The bytes are in the bucket under
 * the row's key, and not on the local disk.
 */
import crypto from "node:crypto";
import fs from "node:fs";
import path from "node:path";
import type postgres from "postgres";
import { newTokenSecret } from "@/server/api-tokens/token-secret";
import { s3Store } from "@/server/attachments/stores/s3-store";
import { BenchSession } from "../bench/bench-client";
import { DEMO_PASSWORD, prepareLoadAccounts } from "./load-database";
import type { Checks } from "./load-report";
import type { S3Server } from "./s3-server";

const sha256 = (bytes: Uint8Array) => crypto.createHash("sha256").update(bytes).digest("hex");

async function tokenFor(sql: postgres.Sql, email: string): Promise<string> {
  const secret = newTokenSecret();
  await sql`
    insert into api_tokens (user_id, name, prefix, secret_hash, scopes)
    select id, 'multi-process test', ${secret.prefix}, ${secret.secretHash}, ${["tickets:read", "tickets:write"]}::text[] from users where email = ${email}`;
  return secret.token;
}

async function bytesOf(response: Response): Promise<{ status: number; sha256: string; headers: Headers }> {
  const body = new Uint8Array(await response.arrayBuffer());
  return { status: response.status, sha256: sha256(body), headers: response.headers };
}

export async function checkAttachmentsAcrossApps(
  sql: postgres.Sql,
  checks: Checks,
  options: { root: string; uploadUrl: string; downloadUrl: string; runId: string; s3: S3Server },
): Promise<void> {
  const { uploadUrl, downloadUrl, s3 } = options;
  const accounts = await prepareLoadAccounts(sql, `${options.runId}files`, 2);
  const [ownerEmail, strangerEmail] = accounts.customers;
  const staffEmail = accounts.staff[0];
  if (!ownerEmail || !strangerEmail || !staffEmail) throw new Error("No accounts for the attachment check.");
  const ownerToken = await tokenFor(sql, ownerEmail);
  const strangerToken = await tokenFor(sql, strangerEmail);
  const bearer = (token: string) => ({ authorization: `Bearer ${token}` });

  // 1.5 MB of bytes that are no text: a byte lost or changed anywhere changes the sha256.
  const bytes = crypto.randomBytes(1536 * 1024);
  const form = new FormData();
  form.set("file", new File([new Uint8Array(bytes)], "server-dump.bin", { type: "application/octet-stream" }));
  const uploaded = await fetch(`${uploadUrl}/api/v1/attachments`, { method: "POST", headers: bearer(ownerToken), body: form });
  const upload = (await uploaded.json()) as { id?: string };
  checks.check("an attachment uploads through app 1", uploaded.status === 201 && typeof upload.id === "string", `${uploaded.status}`);
  if (!upload.id) return;
  const created = await fetch(`${uploadUrl}/api/v1/tickets`, {
    method: "POST",
    headers: { ...bearer(ownerToken), "content-type": "application/json" },
    body: JSON.stringify({ subject: `Files across servers ${options.runId}`, body: "The dump is attached.", category_id: accounts.categoryIds[0], attachment_ids: [upload.id] }),
  });
  const createdAnswer = await created.text();
  checks.check("a ticket with that attachment opens through app 1", created.status === 201, created.status === 201 ? "" : `${created.status} ${createdAnswer.slice(0, 300)}`);

  const [row] = await sql<{ storage_key: string; sha256: string }[]>`select storage_key, sha256 from attachments where id = ${upload.id}`;
  const bucket = s3Store({
    bucket: s3.bucket,
    region: s3.region,
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
  });
  const stored = row ? await bucket.open(row.storage_key) : null;
  const storedSha = stored ? sha256(new Uint8Array(await new Response(stored.stream).arrayBuffer())) : "missing";
  const onDisk = row ? fs.existsSync(path.resolve(options.root, process.env.DATA_DIR ?? ".data", "attachments", ...row.storage_key.split("/"))) : false;
  checks.check("its bytes are in the bucket under its key, not on the local disk", row?.sha256 === sha256(bytes) && storedSha === row.sha256 && !onDisk, `bucket ${storedSha}, on disk ${onDisk}`);

  const byOwner = await bytesOf(await fetch(`${downloadUrl}/api/v1/attachments/${upload.id}`, { headers: bearer(ownerToken) }));
  checks.check(
    "its owner downloads it byte-identical through app 2 (REST API)",
    byOwner.status === 200 && byOwner.sha256 === sha256(bytes) && byOwner.headers.get("x-content-type-options") === "nosniff" && /^attachment; filename="server-dump\.bin"/.test(byOwner.headers.get("content-disposition") ?? ""),
    `${byOwner.status}`,
  );
  const staff = await BenchSession.signIn(downloadUrl, staffEmail, DEMO_PASSWORD);
  const byStaff = await bytesOf(await staff.request("GET", `/api/attachments/${upload.id}`));
  checks.check("staff download it byte-identical through app 2 (the desk's download route)", byStaff.status === 200 && byStaff.sha256 === sha256(bytes), `${byStaff.status}`);

  const byStrangerApi = await fetch(`${downloadUrl}/api/v1/attachments/${upload.id}`, { headers: bearer(strangerToken) });
  await byStrangerApi.arrayBuffer();
  const stranger = await BenchSession.signIn(downloadUrl, strangerEmail, DEMO_PASSWORD);
  const byStrangerRoute = await stranger.request("GET", `/api/attachments/${upload.id}`);
  await byStrangerRoute.arrayBuffer();
  checks.check("another customer gets 404 for it on app 2 (REST API and download route)", byStrangerApi.status === 404 && byStrangerRoute.status === 404, `${byStrangerApi.status}, ${byStrangerRoute.status}`);
}
