/** The files `npm run new:metric -- <name>` writes: a working model, a test to complete, a chart. */
export function metricScaffold(raw: string): Record<string, string> {
  const name = raw.replace(/^mart_/, "");
  if (!/^[a-z][a-z0-9_]*$/.test(name)) throw new Error(`"${raw}": a metric name is lower case letters, digits and underscores`);
  const model = `mart_${name}`;
  const camel = name.replace(/_([a-z0-9])/g, (_, c: string) => c.toUpperCase());
  return {
    [`data-loaders/models/marts/${model}.sql`]: modelSql(model),
    [`test/models/${model}.test.ts`]: testTs(model),
    [`test/fixtures/${model}/Opportunity.csv`]:
      `"Id","AccountId","StageName","Amount","CloseDate","CreatedDate","Type"\n` +
      `"006000000000001AAA","","Closed Won","1000","2026-02-15","2026-01-10 09:00:00","New Business"\n` +
      `"006000000000002AAA","","Closed Lost","500","2026-02-20","2026-01-12 09:00:00","New Business"\n`,
    [`test/fixtures/${model}/README.md`]:
      `The fixture of ${model}: a Salesforce-format export small enough to work the expected values out on paper.\n` +
      `Add the rows your metric needs (Account.csv, Lead.csv, …: see data-loaders/ingest/salesforce.ts for the columns read),\n` +
      `and write in test/models/${model}.test.ts what each should give, with the arithmetic in a comment.\n`,
    [`src/components/${camel}Chart.ts`]: chartTs(camel, model),
  };
}

function modelSql(model: string): string {
  return `-- One row per quarter: <say what one row of ${model} is, in one sentence an analyst can check>.
-- <Say why the metric is defined this way and where METRICS.md (or your team) defines it.>
-- @column period_key: the quarter
-- @column period_start: first day of the quarter
-- @column closed_deals: new-business deals closed in the quarter
-- @column won_deals: of those, won
-- @column win_rate: won_deals ÷ closed_deals
-- @column win_rate_low: 95% Wilson interval, low end
-- @column win_rate_high: 95% Wilson interval, high end
-- @column low_sample: fewer closed deals than config \`minimumSample\` (a setting, read from config_setting)
with opportunities as (
  select * from int_opportunities where motion = 'new_business' and outcome <> 'open'
),

quarters as (
  select period_key, period_start, period_end from int_periods where period_type = 'quarter'
),

-- A setting reaches SQL as a row of config_setting (or a config_* table), never as text in the query:
-- docs/adding-a-metric.md says how to add one of your own.
minimum_sample as (
  select value::integer as minimum_sample from config_setting where name = 'minimum_sample'
),

counted as (
  select
    quarters.period_key,
    quarters.period_start,
    count(*)::integer as closed_deals,
    count(*) filter (where opportunities.outcome = 'won')::integer as won_deals
  from opportunities
  join quarters on opportunities.close_date >= quarters.period_start and opportunities.close_date < quarters.period_end
  group by all
),

final as (
  select
    *,
    won_deals / closed_deals as win_rate,
    wilson_low(won_deals, closed_deals) as win_rate_low,
    wilson_high(won_deals, closed_deals) as win_rate_high,
    closed_deals < (select minimum_sample from minimum_sample) as low_sample
  from counted
)

select * from final
order by period_start
`;
}

function testTs(model: string): string {
  return `import { join } from "node:path";
import { beforeAll, describe, expect, it } from "vitest";
import { buildFixture, FIXTURES, query } from "../helpers.ts";

// test/fixtures/${model}: write here what each row of the fixture gives, worked out by hand.
//   006…1AAA won 1,000 on 2026-02-15, 006…2AAA lost on 2026-02-20 → 2026-Q1: 2 closed, 1 won, 50%.
describe("${model}", () => {
  let warehouse: string;
  beforeAll(async () => {
    warehouse = await buildFixture(join(FIXTURES, "${model}"));
  });

  it("gives the values worked out by hand", async () => {
    const rows = await query(warehouse, "select period_key, closed_deals, won_deals, win_rate from ${model} order by period_start");
    expect(rows).toEqual([{ period_key: "2026-Q1", closed_deals: 2, won_deals: 1, win_rate: 0.5 }]);
  });
});
`;
}

function chartTs(camel: string, model: string): string {
  return `import * as Plot from "@observablehq/plot";

/**
 * ${model} as a chart. On a page:
 *   const rows = martRows(await FileAttachment("data/marts/${model}.json").json());
 *   \${resize((width) => ${camel}Chart(rows, {width}))}
 */
export function ${camel}Chart(rows: Record<string, any>[], { width = 640, height = 260 } = {}) {
  return Plot.plot({
    width,
    height,
    y: { label: "Win rate", tickFormat: "%", domain: [0, 1], grid: true },
    x: { label: null, type: "band" },
    marks: [
      Plot.ruleX(rows, { x: "period_key", y1: "win_rate_low", y2: "win_rate_high", strokeOpacity: 0.5 }),
      Plot.dot(rows, { x: "period_key", y: "win_rate", r: 4, fill: "currentColor", tip: true }),
    ],
  });
}
`;
}
