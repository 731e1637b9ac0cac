import { config } from "../lib/runtime/config.ts";
import { migrate } from "../lib/store/db.ts";

const applied = await migrate(config.DATABASE_URL);
console.log(applied.length ? `applied: ${applied.join(", ")}` : "database is up to date");
