// The overview page's data: the funnel by cohort, channel and tier, read from the warehouse.
import { overviewData } from "../../data-loaders/site/overview.ts";
import { readWarehouse, writeJson } from "../../data-loaders/site/warehouse.ts";

writeJson(await readWarehouse(overviewData));
