/**
 * `npm run attachments:migrate`: its core (copyAttachmentsToStore) from a
 * local folder to a real s3rver bucket, on a database of its own (the copy
 * takes every attachment in the table), and the command itself: its refusal
 * without S3_BUCKET and a run against the bucket from S3_* variables.
 */
import { execFile } from "node:child_process";
import crypto from "node:crypto";
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { afterAll, describe, expect, it } from "vitest";
import { attachments } from "@/db/schema";
import type { Db } from "@/db/types";
import { copyAttachmentsToStore, type CopyProgress } from "@/server/attachments/copy-to-store";
import { storagePathFor, storeAt } from "@/server/attachments/storage";
import { s3Store, type S3StoreConfig } from "@/server/attachments/stores/s3-store";
import { uploadAttachment } from "@/server/attachments/upload";
import { tsxCommand } from "@/scripts/tsx-command";
import { createUser } from "../support/factories";
import { openFreshDatabase } from "../support/fresh-database";
import { startS3Server } from "../support/s3-server";

const root = path.resolve(import.meta.dirname, "../..");
const sha256 = (bytes: Uint8Array) => crypto.createHash("sha256").update(bytes).digest("hex");

/** The command as npm runs it, with only the variables given (no DATABASE_URL: an embedded database in DATA_DIR). */
function runMigrate(env: Record<string, string>, args: string[] = []): Promise<{ code: number; stdout: string; stderr: string }> {
  const [command, tsxArgs] = tsxCommand(root, "scripts/attachments-migrate.ts");
  const base: NodeJS.ProcessEnv = { ...process.env };
  for (const name of Object.keys(base)) if (/^(S3_|DATABASE_URL$|DATA_DIR$)/.test(name)) delete base[name];
  return new Promise((resolve) => {
    execFile(command, [...tsxArgs, ...args], { cwd: root, env: { ...base, ...env }, timeout: 120_000 }, (error, stdout, stderr) =>
      resolve({ code: error ? (typeof error.code === "number" ? error.code : -1) : 0, stdout, stderr }),
    );
  });
}

describe("attachments:migrate", async () => {
  const { database, dispose } = await openFreshDatabase("frontdesk_s3migrate");
  const db: Db = database.db;
  const s3 = await startS3Server({ bucket: "frontdesk-migrate" });
  const folder = fs.mkdtempSync(path.join(os.tmpdir(), "frontdesk-migrate-"));
  afterAll(async () => {
    await s3.stop();
    await dispose();
    fs.rmSync(folder, { recursive: true, force: true });
  });
  const config: S3StoreConfig = {
    bucket: s3.bucket,
    region: s3.region,
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
  };
  const bucket = s3Store(config);
  const local = storeAt(folder);
  const raw = new S3Client({ region: config.region, endpoint: config.endpoint, forcePathStyle: true, credentials: config.credentials });
  afterAll(() => raw.destroy());
  const objectAt = async (key: string) => {
    try {
      return Buffer.from((await (await raw.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }))).Body?.transformToByteArray()) ?? []);
    } catch (error) {
      if (error instanceof Error && error.name === "NoSuchKey") return null;
      throw error;
    }
  };
  const putObject = (key: string, body: Buffer) => raw.send(new PutObjectCommand({ Bucket: s3.bucket, Key: key, Body: body }));
  const removeObject = (key: string) => raw.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key: key }));
  const localFile = (key: string) => storagePathFor(key, folder);

  // Nine files in the local folder, as the app stores them: small, odd bytes, and one of 2.5 MB (streamed in several chunks).
  const uploader = await createUser(db);
  const contents = [
    ...Array.from({ length: 7 }, (_, i) => Buffer.concat([Buffer.from(`file ${i}\n`), crypto.randomBytes(1000 * (i + 1))])),
    Buffer.from([0, 0xff, 0xfe, 0x0d, 0x0a, 0x1a]),
    crypto.randomBytes(2.5 * 1024 * 1024),
  ];
  for (const [i, bytes] of contents.entries()) await uploadAttachment(db, uploader, { name: `file-${i}.bin`, bytes }, { storageRoot: folder });
  const rows = await db.select().from(attachments);
  const migrate = (options: { deleteSource?: boolean; to?: typeof bucket; giveUpAfter?: number } = {}) =>
    copyAttachmentsToStore(db, { from: local, to: options.to ?? bucket, concurrency: 3, ...options });

  it("copies every file to the bucket, verified, and keeps the local files", async () => {
    expect(rows).toHaveLength(contents.length);
    const progress: CopyProgress[] = [];
    const report = await copyAttachmentsToStore(db, { from: local, to: bucket, concurrency: 3, onProgress: (p) => progress.push(p) });
    expect(report).toEqual({ total: 9, copied: 9, alreadyThere: 0, bytesCopied: contents.reduce((sum, b) => sum + b.length, 0), failures: [], deleted: 0, gaveUp: false });
    expect(progress.map((p) => p.done)).toEqual([1, 2, 3, 4, 5, 6, 7, 8, 9]);
    for (const row of rows) {
      expect(sha256((await objectAt(row.storageKey)) ?? Buffer.alloc(0)), row.fileName).toBe(row.sha256);
      expect(fs.existsSync(localFile(row.storageKey))).toBe(true);
    }
  });

  it("is idempotent and resumable: what is there with the right size is skipped, what is missing or short is copied", async () => {
    expect(await migrate()).toMatchObject({ copied: 0, alreadyThere: 9, failures: [] });
    const [first, second, third] = rows;
    if (!first || !second || !third) throw new Error("rows");
    await removeObject(first.storageKey);
    await removeObject(second.storageKey);
    await putObject(third.storageKey, Buffer.from("half a fi")); // an interrupted copy by some other tool
    expect(await migrate()).toMatchObject({ copied: 3, alreadyThere: 6, bytesCopied: first.size + second.size + third.size, failures: [] });
    expect(sha256((await objectAt(third.storageKey)) ?? Buffer.alloc(0))).toBe(third.sha256);
  });

  it("fails (and deletes nothing) when a local file is missing or does not match its sha256; the bad copy does not stay in the bucket", async () => {
    const [damaged, lost] = rows.slice(3);
    if (!damaged || !lost) throw new Error("rows");
    const good = fs.readFileSync(localFile(damaged.storageKey));
    const lostBytes = fs.readFileSync(localFile(lost.storageKey));
    fs.writeFileSync(localFile(damaged.storageKey), Buffer.alloc(good.length, 0x41)); // same size, other bytes
    fs.rmSync(localFile(lost.storageKey));
    await removeObject(damaged.storageKey);
    await removeObject(lost.storageKey);
    try {
      const report = await migrate({ deleteSource: true });
      expect(report).toMatchObject({ copied: 0, alreadyThere: 7, deleted: 0 });
      expect(report.failures).toEqual(
        expect.arrayContaining([
          { attachmentId: damaged.id, storageKey: damaged.storageKey, reason: expect.stringContaining("do not match the recorded sha256") },
          { attachmentId: lost.id, storageKey: lost.storageKey, reason: `missing from folder ${path.resolve(folder)}` },
        ]),
      );
      expect(report.failures).toHaveLength(2);
      expect(await objectAt(damaged.storageKey)).toBeNull();
      for (const row of rows.filter((r) => r.id !== lost.id)) expect(fs.existsSync(localFile(row.storageKey)), row.fileName).toBe(true);
    } finally {
      fs.writeFileSync(localFile(damaged.storageKey), good);
      fs.writeFileSync(localFile(lost.storageKey), lostBytes);
    }
    // Fixed, a run copies just those two.
    expect(await migrate()).toMatchObject({ copied: 2, alreadyThere: 7, failures: [] });
  });

  it("a bucket that does not exist fails every file with its name, nothing is deleted, and a long run of failures with no success gives up", async () => {
    const missing = s3Store({ ...config, bucket: "no-such-bucket" });
    const report = await migrate({ to: missing, deleteSource: true });
    expect(report).toMatchObject({ copied: 0, alreadyThere: 0, deleted: 0, gaveUp: false });
    expect(report.failures).toHaveLength(9);
    expect(report.failures[0]?.reason).toMatch(/s3:\/\/no-such-bucket .*NoSuchBucket/);
    for (const row of rows) expect(fs.existsSync(localFile(row.storageKey))).toBe(true);

    const short = await migrate({ to: missing, giveUpAfter: 4 });
    expect(short.gaveUp).toBe(true);
    expect(short.failures.length).toBeGreaterThanOrEqual(4);
    expect(short.failures.length).toBeLessThan(9);
    // The right bucket, with the same low limit, runs to the end.
    expect(await migrate({ giveUpAfter: 1 })).toMatchObject({ gaveUp: false, alreadyThere: 9 });
  });

  it("with deleteSource, re-copies an object of the right size but the wrong bytes, then removes the local files; a run after that has nothing to do", async () => {
    const [tampered] = rows.slice(5);
    if (!tampered) throw new Error("rows");
    await putObject(tampered.storageKey, Buffer.alloc(tampered.size, 0x42));
    expect(await migrate()).toMatchObject({ copied: 0, alreadyThere: 9 }); // a size check alone cannot tell
    const report = await migrate({ deleteSource: true });
    expect(report).toMatchObject({ copied: 1, alreadyThere: 8, failures: [], deleted: 9 });
    expect(sha256((await objectAt(tampered.storageKey)) ?? Buffer.alloc(0))).toBe(tampered.sha256);
    for (const row of rows) {
      expect(fs.existsSync(localFile(row.storageKey))).toBe(false);
      expect(sha256((await objectAt(row.storageKey)) ?? Buffer.alloc(0)), row.fileName).toBe(row.sha256);
    }
    expect(await migrate({ deleteSource: true })).toMatchObject({ copied: 0, alreadyThere: 9, failures: [], deleted: 0 });
  });

  it("the command refuses without S3_BUCKET, and copies with it", async () => {
    const dataDir = fs.mkdtempSync(path.join(os.tmpdir(), "frontdesk-migrate-cmd-"));
    try {
      const refused = await runMigrate({ DATA_DIR: dataDir });
      expect(refused.code).toBe(1);
      expect(refused.stderr).toContain("S3_BUCKET is not set, so there is nowhere to copy to");

      const wrongFlag = await runMigrate({ DATA_DIR: dataDir, ...s3.env }, ["--concurrency", "0"]);
      expect(wrongFlag.code).toBe(1);
      expect(wrongFlag.stderr).toContain("--concurrency takes a whole number from 1 to 32.");

      // An empty embedded database in DATA_DIR: nothing to copy, exit 0, the summary names the stores.
      const ran = await runMigrate({ DATA_DIR: dataDir, ...s3.env });
      expect(ran.stderr + ran.stdout).toContain(`to s3://${s3.bucket} at ${s3.endpoint}`);
      expect(ran.stdout).toContain("0 attachments: 0 copied (0.0 MB) and verified, 0 already in the bucket, 0 failed");
      expect(ran.code).toBe(0);
    } finally {
      fs.rmSync(dataDir, { recursive: true, force: true });
    }
  }, 180_000);
});
