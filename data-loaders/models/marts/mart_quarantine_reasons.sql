-- One row per source file × staging model × reason: the rows set aside in dq_quarantine (METRICS.md
-- "Data quality"), how many, and a few examples to look up in the CRM. Examples are record ids (the CRM
-- id the staging model keys its rows by) and row numbers in the file, never names: a quarantined row
-- is unchecked text, and the page that lists these must not carry personal data.
-- @column source_file: file name in the exports folder (as in mart_data_quality)
-- @column model: the staging model that set the rows aside (stg_leads, stg_opportunities, …)
-- @column reason: why the rows were set aside, as the staging model words it
-- @column rows_quarantined: rows set aside for this reason
-- @column example_record_ids: up to 5 record ids of those rows (the model's first column, a CRM id; the snapshot date for snapshot rows), comma-separated, in file order; null when the rows have none
-- @column example_rows: up to 5 data-row numbers in the file (1 = the first row after the header), comma-separated, in file order
with quarantine as (
  select * from dq_quarantine
),

numbered as (
  select
    source_file,
    model,
    reason,
    source_row,
    record_id,
    row_number() over (partition by source_file, model, reason order by source_row) as example_number
  from quarantine
),

final as (
  select
    source_file,
    model,
    reason,
    count(*)::integer as rows_quarantined,
    nullif(string_agg(record_id, ', ' order by source_row) filter (where example_number <= 5 and record_id is not null), '')
      as example_record_ids,
    string_agg(source_row::varchar, ', ' order by source_row) filter (where example_number <= 5) as example_rows
  from numbered
  group by source_file, model, reason
)

select * from final
order by rows_quarantined desc, source_file, model, reason
