-- One row per activity (call, email, meeting). Subjects and descriptions are not selected: they are
-- free text that often carries people's names.
-- @column task_id: CRM id of the activity
-- @column lead_id: lead it concerns, when it concerns one
-- @column opportunity_id: opportunity it concerns, when it concerns one
-- @column account_id: account it concerns
-- @column activity_date: date of the activity
-- @column task_type: call, email, meeting, …
-- @column owner_id: user id of who did it
with source as (
  -- _row_hash (of the whole record as read) tells an exact duplicate from a record reusing an id.
  select *, _row_hash as row_hash
  from src_tasks
),

typed as (
  select
    crm_id(task_id) as task_id,
    crm_id(lead_id) as lead_id,
    crm_id(opportunity_id) as opportunity_id,
    crm_id(account_id) as account_id,
    parse_timestamp(activity_date)::date as activity_date,
    task_type,
    crm_id(owner_id) as owner_id,
    _source_file,
    _source_row,
    row_hash,
    activity_date as activity_date_text,
    parse_bool(is_deleted) as is_deleted
  from source
),

final as (
  select
    * exclude (row_hash, activity_date_text, is_deleted),
    case
      when task_id is null then 'missing id'
      when is_deleted then 'deleted in the CRM'
      when duplicate_reason(task_id, row_hash, _source_row) is not null then duplicate_reason(task_id, row_hash, _source_row)
      when unparsed(activity_date_text, activity_date) then 'unparseable date in activity_date'
    end as quarantine_reason
  from typed
)

select * from final
