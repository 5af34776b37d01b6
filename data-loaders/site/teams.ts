/**
 * The teams the site has meeting pages for, and its language, read when the site is configured
 * (observablehq.config.ts): from the warehouse the build made (config teamRoles, as the build read it with
 * the export's own settings), else — before any warehouse exists — from the default config.
 */
import { existsSync } from "node:fs";
import { configuredTeams, loadConfig } from "../config.ts";
import { queryRows, queryValue } from "../duckdb.ts";
import { readWarehouse, warehousePath } from "./warehouse.ts";

export interface SiteTeam {
  team: string;
  role: string;
  label_en: string;
  label_ko: string;
}

export async function siteShape(): Promise<{ locale: "en" | "ko"; teams: SiteTeam[] }> {
  const fromWarehouse = existsSync(warehousePath())
    ? await readWarehouse(async (db) => {
        // A warehouse from before teams were config has no config_team_role: it is rebuilt by the next build.
        const hasTeams = await queryValue<boolean>(db, "select count(*) > 0 from duckdb_tables() where table_name = 'config_team_role'");
        if (!hasTeams) return null;
        return {
          locale: (await queryValue<string>(db, "select value from config_setting where name = 'locale'")) as "en" | "ko",
          teams: await queryRows<SiteTeam & Record<string, unknown>>(db, "select team, role, label_en, label_ko from config_team_role order by team_order"),
        };
      })
    : null;
  if (fromWarehouse) return fromWarehouse;
  const config = loadConfig();
  const teams = configuredTeams(config).map(({ team, role, label }) => ({ team, role, label_en: label.en, label_ko: label.ko }));
  return { locale: config.locale, teams };
}
