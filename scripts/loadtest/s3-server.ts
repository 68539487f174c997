/**
 * A real S3-compatible server for the tests: s3rver on a free loopback port,
 * keeping objects as files in a temporary folder, with one empty bucket. The
 * integration tests (tests/support/s3-server.ts) and the multi-process test
 * use it; `env` is what an app process needs to keep its attachments there.
 * s3rver checks request signatures against its one account, S3RVER/S3RVER.
 */
import fs from "node:fs";
import os from "node:os";
import path from "node:path";
import S3rver from "s3rver";

export interface S3Server {
  /** http://127.0.0.1:<port> */
  endpoint: string;
  bucket: string;
  region: string;
  accessKeyId: string;
  secretAccessKey: string;
  /** The S3_* variables for an app or worker process (path-style, as s3rver needs). */
  env: Record<string, string>;
  /** The folder s3rver keeps its files in. */
  directory: string;
  /** Closes the server (open connections too) and removes its folder. */
  stop(): Promise<void>;
}

const S3RVER_KEY = "S3RVER";

export async function startS3Server(options: { bucket?: string } = {}): Promise<S3Server> {
  const bucket = options.bucket ?? "frontdesk-test";
  const directory = fs.mkdtempSync(path.join(os.tmpdir(), "frontdesk-s3rver-"));
  const server = new S3rver({ address: "127.0.0.1", port: 0, silent: true, directory, configureBuckets: [{ name: bucket }] });
  const { port } = await server.run();
  const endpoint = `http://127.0.0.1:${port}`;
  const region = "us-east-1";
  let stopped = false;
  return {
    endpoint,
    bucket,
    region,
    accessKeyId: S3RVER_KEY,
    secretAccessKey: S3RVER_KEY,
    env: {
      S3_BUCKET: bucket,
      S3_ENDPOINT: endpoint,
      S3_REGION: region,
      S3_ACCESS_KEY_ID: S3RVER_KEY,
      S3_SECRET_ACCESS_KEY: S3RVER_KEY,
      S3_FORCE_PATH_STYLE: "true",
    },
    directory,
    async stop() {
      if (stopped) return;
      stopped = true;
      // Clients keep connections alive; close() alone would wait for them to go idle.
      server.httpServer?.closeAllConnections();
      await server.close();
      fs.rmSync(directory, { recursive: true, force: true });
    },
  };
}
