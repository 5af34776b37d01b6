// Any mart as JSON columns: /data/marts/mart_win_rate.json and so on (paths listed in observablehq.config.ts).
import { parseArgs } from "node:util";
import { readMart } from "../../../data-loaders/site/marts.ts";
import { readWarehouse, writeJson } from "../../../data-loaders/site/warehouse.ts";

const { values } = parseArgs({ options: { mart: { type: "string" } } });
if (!values.mart) throw new Error("the mart loader needs --mart NAME (Framework passes it from the file name)");
writeJson(await readWarehouse((db) => readMart(db, values.mart!)));
