// Every mart, as /data/marts/mart_win_rate.json and so on: one archive that Framework unpacks at build
// time (a page asks for data/marts/mart_x.json; Framework finds it in data/marts.zip). One loader for
// all marts opens the warehouse once, where a loader per mart paid a process start-up each.
// A list mart's JSON holds the rows pages show; its whole list is data/marts/mart_x.csv, for download.
import JSZip from "jszip";
import { isListMart, martModels, readMart, readMartRows } from "../../data-loaders/site/marts.ts";
import { toCsv } from "../components/csv.ts";
import { readWarehouse } from "../../data-loaders/site/warehouse.ts";

const archive = new JSZip();
await readWarehouse(async (db) => {
  for (const model of martModels()) {
    archive.file(`${model.name}.json`, JSON.stringify(await readMart(db, model)));
    // A BOM so that Excel reads UTF-8 (Korean names) correctly; cells are formula-safe (toCsv).
    if (isListMart(model)) archive.file(`${model.name}.csv`, "\uFEFF" + toCsv(await readMartRows(db, model), model.columns.map((c) => c.name)));
  }
});
// Stored, not deflated: the archive never leaves the build; the site serves each file on its own.
process.stdout.write(await archive.generateAsync({ type: "nodebuffer", compression: "STORE" }));
