// Every mart, as /data/marts/mart_win_rate.json and so on: one archive that Framework unpacks at build
// time (a page asks for data/marts/mart_x.json; Framework finds it in data/marts.zip). One loader for
// all marts opens the warehouse once, where a loader per mart paid a process start-up each.
// A list mart's JSON holds the rows pages show; its whole list is data/marts/mart_x.csv, for download.
import JSZip from "jszip";
import { queryValue } from "../../data-loaders/duckdb.ts";
import { listHeaders } from "../../data-loaders/site/list-headers.ts";
import { isListMart, martJson, martModels, readMartColumns } from "../../data-loaders/site/marts.ts";
import { toCsv } from "../lib/csv.ts";
import { readWarehouse } from "../../data-loaders/site/warehouse.ts";

const archive = new JSZip();
await readWarehouse(async (db) => {
  const locale = (await queryValue<string>(db, "select value from config_setting where name = 'locale'")) === "ko" ? "ko" : "en";
  for (const model of martModels()) {
    const columns = await readMartColumns(db, model);
    archive.file(`${model.name}.json`, JSON.stringify(martJson(model, columns)));
    if (!isListMart(model)) continue;
    // The whole list: a BOM so that Excel reads UTF-8 (Korean names) correctly; cells formula-safe (toCsv);
    // headers in the site's language.
    const names = Object.keys(columns);
    const headers = listHeaders(names, locale);
    const rows = Array.from({ length: columns[names[0]!]?.length ?? 0 }, (_, i) => Object.fromEntries(names.map((c, k) => [headers[k]!, columns[c]![i]])));
    archive.file(`${model.name}.csv`, "\uFEFF" + toCsv(rows, headers));
  }
});
// Stored, not deflated: the archive never leaves the build; the site serves each file on its own.
process.stdout.write(await archive.generateAsync({ type: "nodebuffer", compression: "STORE" }));
