-- One row per input file: rows read, loaded and quarantined (METRICS.md "Data quality"). Read = loaded +
-- quarantined always; the warehouse build fails if it does not, because then a row was lost.
-- Files no metric reads are listed too, with a note, so nothing in the exports folder is ignored silently.
-- @column source_file: file name in the exports folder
-- @column entity: what the file feeds (leads, opportunities, …), or null when unused
-- @column rows_read: data rows the CSV reader read (header excluded); null when the file was not read
-- @column rows_loaded: rows that reached staging
-- @column rows_quarantined: rows set aside, with a reason, in dq_quarantine
-- @column share_quarantined: rows_quarantined ÷ rows_read (null when the file was not read or is empty)
-- @column note: why a file was not used
with loaded as (
  select _source_file as source_file, count(*) as rows_loaded from stg_users group by 1
  union all select _source_file, count(*) from stg_accounts group by 1
  union all select _source_file, count(*) from stg_campaigns group by 1
  union all select _source_file, count(*) from stg_leads group by 1
  union all select _source_file, count(*) from stg_opportunities group by 1
  union all select _source_file, count(*) from stg_opportunity_history group by 1
  union all select _source_file, count(*) from stg_opportunity_competitors group by 1
  union all select _source_file, count(*) from stg_campaign_members group by 1
  union all select _source_file, count(*) from stg_tasks group by 1
  union all select _source_file, count(*) from stg_opportunity_snapshots group by 1
  union all select _source_file, count(*) from stg_currency_rates group by 1
),

quarantined as (
  select source_file, count(*) as rows_quarantined from dq_quarantine group by 1
),

final as (
  select
    files.source_file,
    files.entity,
    files.rows_read,
    coalesce(loaded.rows_loaded, 0)::integer as rows_loaded,
    coalesce(quarantined.rows_quarantined, 0)::integer as rows_quarantined,
    coalesce(quarantined.rows_quarantined, 0) / nullif(files.rows_read, 0) as share_quarantined,
    files.note
  from dq_source_files as files
  left join loaded using (source_file)
  left join quarantined using (source_file)
)

select * from final
order by source_file
