import "server-only";
import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
import type { Readable } from "node:stream";
import type { AttachmentStore } from "./attachment-store";
import { assertStorageKey } from "./storage-key";

/**
 * Attachment bytes in an S3-compatible bucket (AWS, MinIO, R2, s3rver…), for
 * several app servers sharing files. Objects are private and never served
 * from the bucket: downloads stream through our route, which keeps the
 * authorization and the Content-Disposition, nosniff and CSP headers in one
 * place (download-response.ts). An S3 PUT is atomic, so readers never see
 * half an object.
 */
export interface S3StoreConfig {
  bucket: string;
  region: string;
  /** For anything that is not AWS (MinIO, s3rver); unset uses AWS's endpoint for the region. */
  endpoint?: string;
  /** MinIO and s3rver want `endpoint/bucket/key` rather than `bucket.endpoint/key`. */
  forcePathStyle: boolean;
  /** Unset uses the SDK's default chain (AWS_* variables, profile, instance role). */
  credentials?: { accessKeyId: string; secretAccessKey: string };
}

export function s3Store(config: S3StoreConfig): AttachmentStore {
  const client = new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    credentials: config.credentials,
  });
  const object = (storageKey: string) => {
    assertStorageKey(storageKey);
    return { Bucket: config.bucket, Key: storageKey };
  };

  return {
    description: `s3://${config.bucket}${config.endpoint ? ` at ${config.endpoint}` : ""}`,
    async put(storageKey: string, body: Uint8Array | Readable, size: number) {
      await client.send(new PutObjectCommand({ ...object(storageKey), Body: body, ContentLength: size, ContentType: "application/octet-stream" }));
    },
    async open(storageKey) {
      try {
        const response = await client.send(new GetObjectCommand(object(storageKey)));
        if (!response.Body || response.ContentLength === undefined) throw new Error(`S3 answered no body or length for ${storageKey}.`);
        // Cancelling the web stream (the client went away) destroys the HTTP response underneath.
        return { size: response.ContentLength, stream: response.Body.transformToWebStream() };
      } catch (error) {
        if (isMissingObject(error)) return null;
        throw error;
      }
    },
    async sizeOf(storageKey) {
      try {
        return (await client.send(new HeadObjectCommand(object(storageKey)))).ContentLength ?? 0;
      } catch (error) {
        if (isMissingObject(error)) return null;
        throw error;
      }
    },
    async delete(storageKey) {
      // S3 deletes are idempotent: a missing key answers 204 like any other.
      await client.send(new DeleteObjectCommand(object(storageKey)));
    },
  };
}

/** GET answers NoSuchKey, HEAD (no body to name it) answers a bare 404. */
function isMissingObject(error: unknown): boolean {
  return error instanceof S3ServiceException && (error.name === "NoSuchKey" || error.name === "NotFound" || error.$metadata.httpStatusCode === 404);
}
