// Settings every page reads: locale, currency, funnel steps, periods, as-of date, coverage notes.
import { siteSettings } from "../../data-loaders/site/settings.ts";
import { readWarehouse, writeJson } from "../../data-loaders/site/warehouse.ts";

writeJson(await readWarehouse(siteSettings));
