-- src_opportunity_history from the deals' `Date entered "<Stage> (<Pipeline>)"` columns: one row per deal
-- per non-empty cell, unpivoted by DuckDB over every such column of the raw table. Before this runs,
-- ingest/hubspot.ts fills raw_hubspot__deal_stage_columns (column_name, stage, pipeline) with the columns
-- whose label it could parse (parseStageColumn): a column missing there is not history and is dropped by
-- the join. Only the first row of each Record ID is read (a repeated row is quarantined as a duplicate
-- deal, and its dates must not slip in as history). The rows keep the deal's _source_row, so a
-- quarantined history row points at its deal's row in the file. "Date exited" columns are not read: the
-- next stage's "Date entered" says the same. Parameter: $label, the rows' _source_file.
create or replace table raw_hubspot__deal_stage_dates as
with deals as (
  select extra.record_id as opportunity_id, dates.*
  from raw_hubspot__deals_extra as extra
  join (select _source_row, columns('(?i)^\s*date entered\s+"') from raw_hubspot__deals) as dates using (_source_row)
  qualify extra.record_id is null
    or row_number() over (partition by extra.record_id order by _source_row) = 1
),
cells as (
  select * from (unpivot deals on columns('(?i)^\s*date entered\s+"') into name column_name value entered_at)
  where nullif(trim(entered_at), '') is not null
)
select
  $label as _source_file,
  cells._source_row,
  hash(cells.opportunity_id, cells.column_name, cells.entered_at) as _row_hash,
  (cells.opportunity_id || ' › ' || stage_columns.stage || coalesce(' (' || stage_columns.pipeline || ')', ''))::varchar as history_id,
  cells.opportunity_id::varchar as opportunity_id,
  stage_columns.stage::varchar as stage_name,
  stage_columns.pipeline::varchar as pipeline,
  trim(cells.entered_at)::varchar as entered_at,
  null::varchar as amount,
  null::varchar as close_date,
  null::varchar as is_deleted
from cells
join raw_hubspot__deal_stage_columns as stage_columns using (column_name)
order by cells._source_row, cells.column_name;
