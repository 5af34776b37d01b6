/**
 * Checks on a built warehouse that stop the build when a setting has made the numbers absurd. The first:
 * an exchange rate typed the wrong way round. Config `exchangeRates` wants the value of one unit in the
 * reporting currency (COP 0.00025 in USD); Salesforce shows the inverse (ConversionRate: 4,000 COP per
 * USD). Typing Salesforce's figure in would multiply every COP deal by 16 million.
 */
import type { DuckDBConnection } from "@duckdb/node-api";
import { queryRows } from "../duckdb.ts";

/** How far a config rate may stand from the export's own, or a currency's typical deal from the reporting currency's, before it is refused. */
const IMPLAUSIBLE_FACTOR = 1000;

export class SettingError extends Error {
  constructor(message: string) {
    super(message);
    this.name = "SettingError";
  }
}

export async function checkExchangeRates(connection: DuckDBConnection, configPath: string): Promise<void> {
  const rows = await queryRows<{
    currency: string;
    reporting: string;
    config_rate: number;
    export_rate: number | null;
    unit_in_reporting: number | null;
    median_converted: number | null;
    median_reporting: number | null;
    deals: number;
    implausible: number;
  }>(
    connection,
    `with reporting as (select value as currency from config_setting where name = 'currency'),
     corporate as (
       select coalesce(
         (select rate from stg_currency_rates where valid_from is null and currency = (select currency from reporting)),
         (select config.rate from stg_currency_rates as rates join config_exchange_rate as config using (currency)
          where rates.is_corporate and rates.valid_from is null limit 1)) as unit_in_reporting
     ),
     deals as (
       select coalesce(upper(trim(currency)), (select currency from reporting)) as currency, parse_amount(amount) as amount
       from src_opportunities where parse_amount(amount) > 0
     )
     select
       config.currency,
       (select currency from reporting) as reporting,
       config.rate as config_rate,
       (select rate from stg_currency_rates where valid_from is null and currency = config.currency) as export_rate,
       (select unit_in_reporting from corporate) as unit_in_reporting,
       (select median(amount) * config.rate from deals where currency = config.currency) as median_converted,
       (select median(amount) from deals where currency = (select currency from reporting)) as median_reporting,
       (select count(*)::integer from deals where currency = config.currency) as deals,
       (select count(*)::integer from deals where currency = config.currency and implausible_amount(amount * config.rate)) as implausible
     from config_exchange_rate as config
     where config.currency <> (select currency from reporting)`,
  );
  for (const row of rows) {
    const { currency, reporting, config_rate: rate } = row;
    const setting = `${configPath}: exchangeRates.${currency} = ${rate}`;
    const wants = `exchangeRates wants the value of one ${currency} in ${reporting}`;
    if (row.export_rate !== null && row.unit_in_reporting !== null) {
      const expected = row.unit_in_reporting / row.export_rate;
      if (rate / expected > IMPLAUSIBLE_FACTOR || expected / rate > IMPLAUSIBLE_FACTOR) {
        throw new SettingError(
          `${setting} contradicts the export's own rate (CurrencyType: ${row.export_rate} ${currency} per corporate unit, ` +
            `so one ${currency} is worth ${round(expected)} ${reporting}). ${wants}` +
            `${Math.abs(Math.log(rate * expected)) < Math.log(10) ? `: it looks inverted (Salesforce's ConversionRate is units per ${reporting})` : ""}. ` +
            `Remove it to use the export's rate, or set ${round(expected)}.`,
        );
      }
      continue;
    }
    const typicalTooFar =
      row.median_converted !== null &&
      row.median_reporting !== null &&
      row.deals >= 3 &&
      (row.median_converted / row.median_reporting > IMPLAUSIBLE_FACTOR || row.median_reporting / row.median_converted > IMPLAUSIBLE_FACTOR);
    const mostlyImplausible = row.deals > 0 && row.implausible * 2 > row.deals;
    if (typicalTooFar || mostlyImplausible) {
      throw new SettingError(
        `${setting} makes ${currency} deals absurd (a typical one becomes ${round(row.median_converted ?? 0)} ${reporting}` +
          `${row.median_reporting !== null ? ` against ${round(row.median_reporting)} for deals in ${reporting}` : ""}). ` +
          `${wants}; if ${rate} is ${currency} per ${reporting} (as Salesforce shows it), set ${round(1 / rate)} instead.`,
      );
    }
  }
}

function round(value: number): string {
  return Number(value.toPrecision(4)).toString();
}
