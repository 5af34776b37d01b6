-- One row per CRM user (a rep, a manager, anyone who owns records), with the team their department maps to.
-- @column user_id: CRM id of the user
-- @column user_name: display name; reps are shown by name on the site
-- @column department: department as the CRM has it
-- @column team: marketing, inside_sales, field_sales, customer_success, or unknown (config `teams`)
-- @column title: job title
-- @column start_date: date the rep started, for ramp curves
-- @column is_active: still active
-- @column region: sales region
-- @column manager_id: user id of the manager
with source as (
  -- _row_hash (of the whole record as read) tells an exact duplicate from a record reusing an id.
  select *, _row_hash as row_hash
  from src_users
),

typed as (
  select
    crm_id(source.user_id) as user_id,
    coalesce(source.user_name, crm_id(source.user_id)) as user_name,
    source.department,
    coalesce(team.team, 'unknown') as team,
    source.title,
    parse_timestamp(source.start_date)::date as start_date,
    coalesce(parse_bool(source.is_active), true) as is_active,
    source.region,
    crm_id(source.manager_id) as manager_id,
    source._source_file,
    source._source_row,
    source.row_hash,
    source.start_date as start_date_text,
    parse_bool(source.is_deleted) as is_deleted
  from source
  left join config_team as team on team.match_key = match_key(source.department)
),

final as (
  select
    * exclude (row_hash, start_date_text, is_deleted),
    case
      when user_id is null then 'missing id'
      when is_deleted then 'deleted in the CRM'
      when duplicate_reason(user_id, row_hash, _source_row) is not null then duplicate_reason(user_id, row_hash, _source_row)
      when unparsed(start_date_text, start_date) then 'unparseable date in start_date'
    end as quarantine_reason
  from typed
)

select * from final
