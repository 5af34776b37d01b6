-- One row per CRM user (a rep, a manager, anyone who owns records), with their team: config `ownerTeams`
-- by id or name first (it names people), else their department through config `teams`, else config
-- `teamPatterns` over their department, role, profile and title ("SDR" in a title is inside sales), else
-- unknown. Orgs leave Department empty more often than not; the title usually still says the job.
-- @column user_id: CRM id of the user
-- @column user_name: display name; reps are shown by name on the site
-- @column department: department as the CRM has it
-- @column team: marketing, inside_sales, field_sales, customer_success, or unknown
-- @column team_source: what placed the user in the team: owner_teams, department, role, profile, title, or null when unknown
-- @column role: role in the CRM's role hierarchy
-- @column profile: the CRM profile
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
    source.title,
    source.role,
    source.profile,
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
),

-- The first pattern (in team order) that a text matches.
placed as (
  select
    typed.*,
    coalesce(owner_team.team, department_team.team, by_department.team, by_role.team, by_profile.team, by_title.team, 'unknown') as team,
    case
      when owner_team.team is not null then 'owner_teams'
      when department_team.team is not null or by_department.team is not null then 'department'
      when by_role.team is not null then 'role'
      when by_profile.team is not null then 'profile'
      when by_title.team is not null then 'title'
    end as team_source
  from typed
  left join config_owner_team as owner_team
    on owner_team.match_key = match_key(typed.user_id) or owner_team.match_key = match_key(typed.user_name)
  left join config_team as department_team on department_team.match_key = match_key(typed.department)
  left join lateral (select team from config_team_pattern where regexp_matches(lower(typed.department), pattern) order by team_order limit 1) as by_department on true
  left join lateral (select team from config_team_pattern where regexp_matches(lower(typed.role), pattern) order by team_order limit 1) as by_role on true
  left join lateral (select team from config_team_pattern where regexp_matches(lower(typed.profile), pattern) order by team_order limit 1) as by_profile on true
  left join lateral (select team from config_team_pattern where regexp_matches(lower(typed.title), pattern) order by team_order limit 1) as by_title on true
  -- A name config lists twice (by id and by name) must not repeat the user.
  qualify row_number() over (partition by typed._source_file, typed._source_row order by owner_team.owner) = 1
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
  from placed
)

select * from final
