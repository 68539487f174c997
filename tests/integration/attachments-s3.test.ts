/**
 * Attachments on a real S3-compatible server (s3rver, started per file on a
 * free loopback port): the same doors the app uses, with an s3Store as the
 * location: storage.ts, the upload and download route handlers, the REST
 * API. Each object is also read straight from the bucket with a plain S3
 * client under the row's storage key, so a store that maps keys wrongly, or
 * stores other bytes, fails here.
 */
import crypto from "node:crypto";
import net from "node:net";
import { DeleteObjectCommand, GetObjectCommand, PutObjectCommand, S3Client } from "@aws-sdk/client-s3";
import { eq } from "drizzle-orm";
import { afterAll, describe, expect, it, vi } from "vitest";
import { attachments } from "@/db/schema";
import { single } from "@/db/rows";
import { GET as downloadRoute } from "@/app/api/attachments/[id]/route";
import { POST as uploadRoute } from "@/app/api/attachments/route";
import { attachmentDownloadResponse, sandboxPolicy } from "@/server/attachments/download-response";
import { deleteAttachmentBytes, openAttachmentStream, readAttachmentBytes, sha256Hex, writeAttachmentBytes } from "@/server/attachments/storage";
import type { AttachmentStore } from "@/server/attachments/stores/attachment-store";
import { s3Store, type S3StoreConfig } from "@/server/attachments/stores/s3-store";
import { callApi, tokenFor } from "../support/api-client";
import { createUser } from "../support/factories";
import { endRequestSessions, presentSessionOf, routeParams, routeStorageRoot } from "../support/request-session";
import { startS3Server } from "../support/s3-server";
import { useTestDatabase } from "../support/test-db";
import { tinyPng } from "../support/tiny-png";

/** The bucket the route handlers store in: set once the server is up (vi.mock factories run before this file's code). */
const routeStore = vi.hoisted(() => ({ current: undefined as AttachmentStore | undefined }));

vi.mock("@/server/auth/index", async () => (await import("../support/request-session")).authModule());
vi.mock("@/server/db", async () => (await import("../support/request-session")).dbModule());
vi.mock("@/server/attachments/storage", async (original) => {
  const store = (): AttachmentStore => {
    if (!routeStore.current) throw new Error("The test bucket is not set up yet.");
    return routeStore.current;
  };
  const forwarding: AttachmentStore = {
    get description() {
      return store().description;
    },
    put: (...args) => store().put(...args),
    open: (...args) => store().open(...args),
    sizeOf: (...args) => store().sizeOf(...args),
    delete: (...args) => store().delete(...args),
  };
  return { ...(await original<object>()), defaultStorageRoot: forwarding };
});

const svg = Buffer.from('<svg xmlns="http://www.w3.org/2000/svg" onload="alert(document.domain)"><script>alert(document.cookie)</script></svg>');
const sha256 = (bytes: Uint8Array) => crypto.createHash("sha256").update(bytes).digest("hex");
const keyPattern = /^\d{4}\/\d{2}\/[0-9a-f-]{36}$/;
/** Well-formed, but never written. */
const unusedKey = () => `2026/12/${crypto.randomUUID()}`;

describe("attachments on an S3-compatible server", async () => {
  const { db } = await useTestDatabase();
  const s3 = await startS3Server({ bucket: "frontdesk-attachments" });
  afterAll(async () => {
    endRequestSessions();
    await s3.stop();
  });
  const config: S3StoreConfig = {
    bucket: s3.bucket,
    region: s3.region,
    endpoint: s3.endpoint,
    forcePathStyle: true,
    credentials: { accessKeyId: s3.accessKeyId, secretAccessKey: s3.secretAccessKey },
  };
  const store = s3Store(config);
  routeStore.current = store;

  /** A plain S3 client, beside the store: what is really in the bucket under a key. */
  const raw = new S3Client({ region: config.region, endpoint: config.endpoint, forcePathStyle: true, credentials: config.credentials });
  afterAll(() => raw.destroy());
  async function objectAt(key: string): Promise<Buffer | null> {
    try {
      const response = await raw.send(new GetObjectCommand({ Bucket: s3.bucket, Key: key }));
      return Buffer.from((await response.Body?.transformToByteArray()) ?? []);
    } catch (error) {
      if (error instanceof Error && error.name === "NoSuchKey") return null;
      throw error;
    }
  }

  const form = (name: string, bytes: Buffer) => {
    const data = new FormData();
    data.set("file", new File([new Uint8Array(bytes)], name, { type: "application/octet-stream" }));
    return data;
  };
  async function uploadThroughRoute(uploaderId: string, name: string, bytes: Buffer) {
    presentSessionOf(db, uploaderId);
    const response = await uploadRoute(new Request("http://localhost/api/attachments", { method: "POST", body: form(name, bytes) }));
    expect(response.status, await response.clone().text()).toBe(201);
    const { id } = (await response.json()) as { id: string };
    return single(await db.select().from(attachments).where(eq(attachments.id, id)), "attachment");
  }
  async function downloadThroughRoute(viewerId: string, attachmentId: string) {
    presentSessionOf(db, viewerId);
    return downloadRoute(new Request(`http://localhost/api/attachments/${attachmentId}`), routeParams({ id: attachmentId }));
  }

  it("writes bytes under a key of ours and reads them back identical; the bucket holds exactly them under that key; delete removes them", async () => {
    const bytes = crypto.randomBytes(700 * 1024);
    const key = await writeAttachmentBytes(bytes, store);
    expect(key).toMatch(keyPattern);
    expect(sha256Hex(await readAttachmentBytes(key, store))).toBe(sha256(bytes));
    expect(await objectAt(key)).toEqual(bytes);
    expect(await store.sizeOf(key)).toBe(bytes.length);
    const opened = await openAttachmentStream(key, store);
    expect(opened?.size).toBe(bytes.length);
    expect(Buffer.from(await new Response(opened?.stream).arrayBuffer()).equals(bytes)).toBe(true);

    await deleteAttachmentBytes(key, store);
    expect(await objectAt(key)).toBeNull();
    expect(await store.sizeOf(key)).toBeNull();
    expect(await openAttachmentStream(key, store)).toBeNull();
    await expect(readAttachmentBytes(key, store)).rejects.toThrow(`Attachment bytes ${key} are missing from s3://${s3.bucket}`);
    // Deleting what is not there is not an error.
    await deleteAttachmentBytes(key, store);
  });

  it("refuses keys that are not ours for every operation, before asking the server", async () => {
    const planted = "notes/plan.txt";
    await raw.send(new PutObjectCommand({ Bucket: s3.bucket, Key: planted, Body: "planted" }));
    for (const key of ["../../etc/passwd", planted, "2026/12/not-a-uuid", `/${unusedKey()}`, `${unusedKey()}/..`]) {
      await expect(store.open(key), key).rejects.toThrow(/Not an attachment storage key/);
      await expect(store.sizeOf(key), key).rejects.toThrow(/Not an attachment storage key/);
      await expect(store.put(key, Buffer.from("x"), 1), key).rejects.toThrow(/Not an attachment storage key/);
      await expect(store.delete(key), key).rejects.toThrow(/Not an attachment storage key/);
    }
    expect((await objectAt(planted))?.toString()).toBe("planted");
  });

  it("uploads through the route into the bucket and downloads through the route with today's headers; others get 404", async () => {
    const customer = await createUser(db);
    const stranger = await createUser(db);
    const png = tinyPng();
    const binary = Buffer.concat([Buffer.from([0, 1, 2, 0xff, 0xfe]), crypto.randomBytes(300 * 1024)]);

    const image = await uploadThroughRoute(customer.id, "screenshot.png", png);
    expect(image).toMatchObject({ contentType: "image/png", size: png.length, sha256: sha256(png) });
    expect(image.storageKey).toMatch(keyPattern);
    expect(await objectAt(image.storageKey)).toEqual(png);
    const drawing = await uploadThroughRoute(customer.id, "logo.svg", svg);
    const data = await uploadThroughRoute(customer.id, "données 2026.bin", binary);
    expect(await objectAt(data.storageKey)).toEqual(binary);

    const inline = await downloadThroughRoute(customer.id, image.id);
    expect(inline.status).toBe(200);
    expect(Object.fromEntries(inline.headers)).toMatchObject({
      "content-type": "image/png",
      "content-length": String(png.length),
      "content-disposition": `inline; filename="screenshot.png"; filename*=UTF-8''screenshot.png`,
      "x-content-type-options": "nosniff",
      "cache-control": "private, no-store",
      "content-security-policy": sandboxPolicy,
    });
    expect(sha256(Buffer.from(await inline.arrayBuffer()))).toBe(image.sha256);

    for (const [file, bytes] of [
      [drawing, svg],
      [data, binary],
    ] as const) {
      const response = await downloadThroughRoute(customer.id, file.id);
      expect(response.status, file.fileName).toBe(200);
      expect(Object.fromEntries(response.headers), file.fileName).toMatchObject({
        "content-type": "application/octet-stream",
        "content-length": String(bytes.length),
        "content-disposition": expect.stringMatching(/^attachment; filename="/),
        "x-content-type-options": "nosniff",
        "content-security-policy": sandboxPolicy,
      });
      expect(sha256(Buffer.from(await response.arrayBuffer())), file.fileName).toBe(sha256(bytes));
    }
    expect((await downloadThroughRoute(customer.id, data.id)).headers.get("content-disposition")).toBe(
      `attachment; filename="donn_es 2026.bin"; filename*=UTF-8''donn%C3%A9es%202026.bin`,
    );

    // Someone else's pending upload, and an id that does not exist, answer alike.
    const notYours = await downloadThroughRoute(stranger.id, data.id);
    const noSuchId = await downloadThroughRoute(customer.id, crypto.randomUUID());
    expect(notYours.status).toBe(404);
    expect(noSuchId.status).toBe(404);
    expect(await notYours.json()).toEqual(await noSuchId.json());
  });

  it("uploads and downloads through the REST API into the same bucket", async () => {
    const customer = await createUser(db);
    const token = await tokenFor(db, customer, ["tickets:read", "tickets:write"]);
    const bytes = crypto.randomBytes(64 * 1024);
    const uploaded = await callApi(db, "POST", "/attachments", { token, body: form("dump.bin", bytes) });
    expect(uploaded.status).toBe(201);
    const id = String(uploaded.json.id);
    const row = single(await db.select().from(attachments).where(eq(attachments.id, id)), "attachment");
    expect(await objectAt(row.storageKey)).toEqual(bytes);
    const downloaded = await callApi(db, "GET", `/attachments/${id}`, { token });
    expect(downloaded.status).toBe(200);
    expect(downloaded.headers.get("x-content-type-options")).toBe("nosniff");
    expect(downloaded.headers.get("content-disposition")).toMatch(/^attachment; filename="dump\.bin"/);
  });

  it("answers a missing object as it answers a missing local file: the route's 404, no bytes", async () => {
    const customer = await createUser(db);
    const file = await uploadThroughRoute(customer.id, "gone.png", tinyPng());
    await raw.send(new DeleteObjectCommand({ Bucket: s3.bucket, Key: file.storageKey }));
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    try {
      const downloadable = { id: file.id, fileName: file.fileName, contentType: file.contentType, size: file.size, storageKey: file.storageKey };
      expect(await attachmentDownloadResponse(downloadable, store)).toBeNull();
      expect(await attachmentDownloadResponse(downloadable, routeStorageRoot)).toBeNull();
      const response = await downloadThroughRoute(customer.id, file.id);
      const noSuchId = await downloadThroughRoute(customer.id, crypto.randomUUID());
      expect(response.status).toBe(404);
      expect(await response.json()).toEqual(await noSuchId.json());
      expect(errors).toHaveBeenCalledWith(`Attachment ${file.id}: stored bytes ${file.storageKey} are missing.`);
    } finally {
      errors.mockRestore();
    }
  });

  describe("a store that cannot work says so, quickly", () => {
    it("a bucket that does not exist is an error naming it, never a missing file", async () => {
      const wrong = s3Store({ ...config, bucket: "no-such-bucket" });
      const key = unusedKey();
      await expect(writeAttachmentBytes(Buffer.from("hello"), wrong)).rejects.toThrow(/s3:\/\/no-such-bucket .*failed: NoSuchBucket/);
      await expect(wrong.open(key)).rejects.toThrow(/NoSuchBucket/);
      await expect(wrong.sizeOf(key)).rejects.toThrow(/NoSuchBucket/);

      // Through the route: a 500 with the generic message (and the cause in the log), not a 404 that hides the misconfiguration.
      const customer = await createUser(db);
      const file = await uploadThroughRoute(customer.id, "kept.png", tinyPng());
      const errors = vi.spyOn(console, "error").mockImplementation(() => {});
      routeStore.current = wrong;
      try {
        const response = await downloadThroughRoute(customer.id, file.id);
        expect(response.status).toBe(500);
        expect(JSON.stringify(await response.json())).not.toContain("no-such-bucket");
        expect(String(errors.mock.calls.flat().join(" "))).toContain("NoSuchBucket");
      } finally {
        routeStore.current = store;
        errors.mockRestore();
      }
    });

    it("a stopped server is refused within seconds", async () => {
      const other = await startS3Server();
      const gone = s3Store({ ...config, bucket: other.bucket, endpoint: other.endpoint });
      await other.stop();
      const started = Date.now();
      await expect(gone.open(unusedKey())).rejects.toThrow(/ECONNREFUSED/);
      await expect(writeAttachmentBytes(Buffer.from("hello"), gone)).rejects.toThrow(new RegExp(`Storing .* in s3://${other.bucket} at ${other.endpoint} failed: .*ECONNREFUSED`));
      expect(Date.now() - started).toBeLessThan(10_000);
    });

    it("a server that accepts connections and never answers times out instead of hanging", async () => {
      const sockets = new Set<net.Socket>();
      const silent = net.createServer((socket) => sockets.add(socket));
      await new Promise<void>((resolve) => silent.listen(0, "127.0.0.1", resolve));
      const address = silent.address();
      if (!address || typeof address === "string") throw new Error("no port");
      try {
        const hanging = s3Store({ ...config, endpoint: `http://127.0.0.1:${address.port}`, requestTimeoutMs: 300 });
        const started = Date.now();
        await expect(hanging.open(unusedKey())).rejects.toThrow(/TimeoutError/);
        expect(Date.now() - started).toBeLessThan(15_000);
      } finally {
        for (const socket of sockets) socket.destroy();
        await new Promise((resolve) => silent.close(resolve));
      }
    });
  });
});
