import { parseArgs } from "node:util";
import { DEFAULT_ADMIN_URL } from "./load-database";

/**
 * The command-line options of the crash and multi-process scenarios: how many
 * clients for how long, where to make the throwaway database, which port to
 * start from. Bad values stop the script with a usage line.
 */
export function scenarioOptions(defaults: { seconds: number; minSeconds: number; dbPrefix: string }) {
  const { values } = parseArgs({
    options: {
      clients: { type: "string", default: "16" },
      seconds: { type: "string", default: String(defaults.seconds) },
      "admin-url": { type: "string", default: DEFAULT_ADMIN_URL },
      "db-prefix": { type: "string", default: defaults.dbPrefix },
      port: { type: "string", default: "3200" },
      "keep-database": { type: "boolean", default: false },
    },
  });
  const clients = Number(values.clients);
  const seconds = Number(values.seconds);
  if (!Number.isInteger(clients) || clients < 2 || clients > 200 || !(seconds >= defaults.minSeconds && seconds <= 600)) {
    console.error(`Use --clients 2–200 and --seconds ${defaults.minSeconds}–600.`);
    process.exit(1);
  }
  return { clients, seconds, adminUrl: values["admin-url"], dbPrefix: values["db-prefix"], port: Number(values.port), keepDatabase: values["keep-database"] };
}
