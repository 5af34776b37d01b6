-- One row: the data-quality page's headline, so the page adds nothing up itself. Totals over the files
-- read, whether every file reconciles, the file with the largest share of its rows set aside (a total
-- share would hide 73% of a deals file behind thousands of company rows), and how much the user has to
-- decide or look at.
-- @column files_read: files read (files not used are not counted)
-- @column files_not_used: files in the exports folder that no metric reads
-- @column rows_read: rows read, over every file read
-- @column rows_loaded: rows loaded
-- @column rows_quarantined: rows set aside with a reason
-- @column all_reconcile: every file read = loaded + quarantined
-- @column files_with_quarantine: files with at least one row set aside
-- @column worst_file: the file with the largest share of its rows set aside (null when none was)
-- @column worst_file_share: that share
-- @column quarantine_reasons: distinct reasons rows were set aside for
-- @column settings_to_decide: rows of mart_unmapped_values: values, currencies and fields the config does not settle
-- @column records_unsettled: records those rows carry
-- @column orphan_records: records kept although their account or owner is not in the export (mart_orphan_references)
with files as (
  select * from mart_data_quality
),

read_files as (
  select * from files where rows_read is not null
),

worst as (
  select source_file, share_quarantined from read_files
  where rows_quarantined > 0
  order by share_quarantined desc, rows_quarantined desc, source_file
  limit 1
),

final as (
  select
    (select count(*) from read_files)::integer as files_read,
    (select count(*) from files where rows_read is null)::integer as files_not_used,
    (select coalesce(sum(rows_read), 0) from read_files)::bigint as rows_read,
    (select coalesce(sum(rows_loaded), 0) from read_files)::bigint as rows_loaded,
    (select coalesce(sum(rows_quarantined), 0) from read_files)::bigint as rows_quarantined,
    (select coalesce(bool_and(rows_read = rows_loaded + rows_quarantined), true) from read_files) as all_reconcile,
    (select count(*) from read_files where rows_quarantined > 0)::integer as files_with_quarantine,
    (select source_file from worst) as worst_file,
    (select share_quarantined from worst) as worst_file_share,
    (select count(distinct reason) from dq_quarantine)::integer as quarantine_reasons,
    (select count(*) from mart_unmapped_values)::integer as settings_to_decide,
    (select coalesce(sum(records), 0) from mart_unmapped_values)::bigint as records_unsettled,
    (select coalesce(sum(records), 0) from mart_orphan_references)::bigint as orphan_records
)

select * from final
