import "server-only";
import { DeleteObjectCommand, GetObjectCommand, HeadBucketCommand, HeadObjectCommand, PutObjectCommand, S3Client, S3ServiceException } from "@aws-sdk/client-s3";
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
  /**
   * How long a request may wait for its answer's headers (a PUT's upload
   * included) before it fails; the SDK's own default is forever, so a server
   * that accepts connections and never answers would hang a download.
   */
  requestTimeoutMs?: number;
}

const connectionTimeoutMs = 5_000;
const defaultRequestTimeoutMs = 60_000;

export function s3Store(config: S3StoreConfig): AttachmentStore {
  const client = new S3Client({
    region: config.region,
    endpoint: config.endpoint,
    forcePathStyle: config.forcePathStyle,
    credentials: config.credentials,
    // The SDK's default since 2025 sends streamed bodies aws-chunked with a trailing checksum, which many
    // S3-compatible servers (s3rver, older MinIO and Ceph) store verbatim, framing and all: checksums only where S3 requires them.
    requestChecksumCalculation: "WHEN_REQUIRED",
    responseChecksumValidation: "WHEN_REQUIRED",
    requestHandler: { connectionTimeout: connectionTimeoutMs, requestTimeout: config.requestTimeoutMs ?? defaultRequestTimeoutMs, throwOnRequestTimeout: true },
  });
  const description = `s3://${config.bucket}${config.endpoint ? ` at ${config.endpoint}` : ""}`;
  const object = (storageKey: string) => {
    assertStorageKey(storageKey);
    return { Bucket: config.bucket, Key: storageKey };
  };
  /** Every failure names the bucket and the key, so a log line says where to look. */
  const failed = (action: string, storageKey: string, error: unknown) =>
    new Error(`${action} ${storageKey} in ${description} failed: ${error instanceof Error ? `${error.name}: ${error.message}` : String(error)}`, { cause: error });

  // A HEAD of a missing object and a HEAD in a missing bucket both answer a bare 404: the first bare 404 checks the bucket once.
  let bucketSeen = false;
  async function assertBucket(): Promise<void> {
    if (bucketSeen) return;
    try {
      await client.send(new HeadBucketCommand({ Bucket: config.bucket }));
    } catch (error) {
      if (error instanceof S3ServiceException && error.$metadata.httpStatusCode === 404) {
        throw Object.assign(new Error("The specified bucket does not exist", { cause: error }), { name: "NoSuchBucket" });
      }
      throw error;
    }
    bucketSeen = true;
  }

  return {
    description,
    async put(storageKey: string, body: Uint8Array | Readable, size: number) {
      try {
        await client.send(new PutObjectCommand({ ...object(storageKey), Body: body, ContentLength: size, ContentType: "application/octet-stream" }));
      } catch (error) {
        throw failed("Storing", storageKey, error);
      }
      bucketSeen = true;
    },
    async open(storageKey) {
      try {
        const response = await client.send(new GetObjectCommand(object(storageKey)));
        if (!response.Body || response.ContentLength === undefined) throw new Error("S3 answered no body or length.");
        // Cancelling the web stream (the client went away) destroys the HTTP response underneath.
        return { size: response.ContentLength, stream: response.Body.transformToWebStream() };
      } catch (error) {
        if (isMissingObject(error)) return null;
        throw failed("Reading", storageKey, error);
      }
    },
    async sizeOf(storageKey) {
      try {
        const size = (await client.send(new HeadObjectCommand(object(storageKey)))).ContentLength ?? 0;
        bucketSeen = true;
        return size;
      } catch (error) {
        try {
          if (isMissingObject(error)) {
            await assertBucket();
            return null;
          }
          throw error;
        } catch (cause) {
          throw failed("Checking", storageKey, cause);
        }
      }
    },
    async delete(storageKey) {
      // S3 deletes are idempotent: a missing key answers 204 like any other.
      try {
        await client.send(new DeleteObjectCommand(object(storageKey)));
      } catch (error) {
        throw failed("Deleting", storageKey, error);
      }
    },
  };
}

/** GET answers NoSuchKey, HEAD (no body to name it) a bare 404; NoSuchBucket is a misconfiguration, never a missing file. */
function isMissingObject(error: unknown): boolean {
  if (!(error instanceof S3ServiceException) || error.name === "NoSuchBucket") return false;
  return error.name === "NoSuchKey" || error.name === "NotFound" || error.$metadata.httpStatusCode === 404;
}
