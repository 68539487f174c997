/**
 * A real S3-compatible server (s3rver) for the attachment tests. One
 * implementation, shared with the multi-process test: scripts/loadtest/s3-server.ts.
 */
export { startS3Server, type S3Server } from "@/scripts/loadtest/s3-server";
