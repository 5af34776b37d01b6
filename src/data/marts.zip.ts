// Every mart, as /data/marts/mart_win_rate.json and so on: one archive that Framework unpacks at build
// time (a page asks for data/marts/mart_x.json; Framework finds it in data/marts.zip). One loader for
// all marts opens the warehouse once, where a loader per mart paid a process start-up each.
import JSZip from "jszip";
import { martModels, readMart } from "../../data-loaders/site/marts.ts";
import { readWarehouse } from "../../data-loaders/site/warehouse.ts";

const archive = new JSZip();
await readWarehouse(async (db) => {
  for (const model of martModels()) archive.file(`${model.name}.json`, JSON.stringify(await readMart(db, model)));
});
// Stored, not deflated: the archive never leaves the build; the site serves each file on its own.
process.stdout.write(await archive.generateAsync({ type: "nodebuffer", compression: "STORE" }));
