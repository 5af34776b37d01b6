import { DuckDBInstance } from "@duckdb/node-api";
const [a, b] = process.argv.slice(2);
const i = await DuckDBInstance.create(":memory:"); const c = await i.connect();
await c.run(`attach '${a}' as a (read_only); attach '${b}' as b (read_only)`);
const tables = (await c.runAndReadAll(`select table_name from duckdb_tables() where database_name='a' and (table_name like 'mart_%' or table_name like 'int_%' or table_name like 'stg_%') order by 1`)).getRowObjectsJson();
for (const { table_name: t } of tables) {
  try {
    const colsA = (await c.runAndReadAll(`select column_name from duckdb_columns() where database_name='a' and table_name='${t}'`)).getRowObjectsJson().map(r=>r.column_name);
    const colsB = new Set((await c.runAndReadAll(`select column_name from duckdb_columns() where database_name='b' and table_name='${t}'`)).getRowObjectsJson().map(r=>r.column_name));
    const common = colsA.filter(x=>colsB.has(x)).map(x=>`"${x}"`).join(",");
    const r = (await c.runAndReadAll(`select (select count(*) from (select ${common} from a.${t} except all select ${common} from b.${t})) ab, (select count(*) from (select ${common} from b.${t} except all select ${common} from a.${t})) ba`)).getRowObjectsJson()[0];
    const extra = [...colsB].filter(x=>!colsA.includes(x));
    if (r.ab !== "0" || r.ba !== "0" || extra.length) console.log(t, r, extra.length ? "new cols: "+extra.join(","):"");
  } catch (e) { console.log(t, "ERR", e.message.split("\n")[0]); }
}
