/**
 * npm run attachments:migrate [-- --concurrency 4] [--delete-local]
 *
 * Copies every attachment's bytes from the local folder (DATA_DIR/attachments)
 * to the S3-compatible bucket configured by S3_BUCKET and the other S3_*
 * variables, verifying each copy by size and sha256 against the attachments
 * table. Safe to stop and run again: objects already in the bucket with the
 * right size are skipped. Local files are removed only with --delete-local,
 * and only after every attachment is verified in the bucket (those already
 * there are read back and hashed first). Exits 1 on any failure, listing them.
 */
import { parseArgs } from "node:util";
import { copyAttachmentsToStore, defaultCopyConcurrency, type CopyProgress } from "@/server/attachments/copy-to-store";
import { defaultStorageRoot, localStorageRoot, storeAt } from "@/server/attachments/storage";
import { openScriptDatabase } from "./open-database";

const usage = "Usage: npm run attachments:migrate [-- --concurrency N (1-32, default 4)] [--delete-local]";
const shownFailures = 20;
const progressEveryMs = 2_000;

function readArguments(): { concurrency: number; deleteLocal: boolean } | null {
  let values;
  try {
    values = parseArgs({
      options: { concurrency: { type: "string" }, "delete-local": { type: "boolean", default: false }, help: { type: "boolean", default: false } },
      strict: true,
      allowPositionals: false,
    }).values;
  } catch (error) {
    console.error(`${(error as Error).message}\n${usage}`);
    return null;
  }
  if (values.help) {
    console.log(usage);
    process.exit(0);
  }
  const concurrency = values.concurrency === undefined ? defaultCopyConcurrency : Number(values.concurrency);
  if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) {
    console.error(`--concurrency takes a whole number from 1 to 32.\n${usage}`);
    return null;
  }
  return { concurrency, deleteLocal: values["delete-local"] };
}

const megabytes = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MB`;

async function main(): Promise<number> {
  const args = readArguments();
  if (!args) return 1;
  if (typeof defaultStorageRoot === "string") {
    console.error(
      "S3_BUCKET is not set, so there is nowhere to copy to: attachments are already kept in the local folder.\n" +
        "Set S3_BUCKET (and S3_ENDPOINT, S3_REGION, S3_ACCESS_KEY_ID, S3_SECRET_ACCESS_KEY, S3_FORCE_PATH_STYLE as your store needs; see README, Configuration), then run this again.",
    );
    return 1;
  }
  const from = storeAt(localStorageRoot);
  const to = defaultStorageRoot;
  const database = await openScriptDatabase({
    whenHeld: "The embedded database allows one process at a time: stop `npm run dev` / `npm start`, run this, then start the app again.",
  });
  try {
    console.log(`Copying attachments from ${from.description} to ${to.description}, ${args.concurrency} at a time${args.deleteLocal ? "; local files go once all are verified" : ""}.`);
    const started = Date.now();
    let lastShown = 0;
    const showProgress = (progress: CopyProgress) => {
      if (Date.now() - lastShown < progressEveryMs && progress.done < progress.total) return;
      lastShown = Date.now();
      console.error(`  ${progress.done} of ${progress.total} attachments checked, ${megabytes(progress.bytesCopied)} copied…`);
    };
    const report = await copyAttachmentsToStore(database.db, { from, to, concurrency: args.concurrency, deleteSource: args.deleteLocal, onProgress: showProgress });
    const seconds = ((Date.now() - started) / 1000).toFixed(1);
    console.log(
      `${report.total} attachments: ${report.copied} copied (${megabytes(report.bytesCopied)}) and verified, ${report.alreadyThere} already in the bucket, ${report.failures.length} failed, in ${seconds} s.`,
    );
    if (report.failures.length > 0) {
      for (const failure of report.failures.slice(0, shownFailures)) console.error(`  attachment ${failure.attachmentId} (${failure.storageKey}): ${failure.reason}`);
      if (report.failures.length > shownFailures) console.error(`  …and ${report.failures.length - shownFailures} more.`);
      if (report.gaveUp) console.error(`Stopped after ${report.failures.length} failures in a row with no file copied: check the bucket and the S3_* variables.`);
      console.error(args.deleteLocal ? "Nothing was deleted. Fix the failures and run this again; copied files are skipped." : "Fix the failures and run this again; copied files are skipped.");
      return 1;
    }
    if (args.deleteLocal) console.log(`Removed ${report.deleted} local files from ${from.description}.`);
    else console.log("Every attachment is in the bucket. Local files are kept; run again with --delete-local to remove them.");
    return 0;
  } finally {
    await database.close();
  }
}

process.exitCode = await main();
