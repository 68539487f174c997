import { openScriptDatabase } from "./open-database";

const database = await openScriptDatabase();
console.log(`Migrations applied (${database.driver}).`);
await database.close();
