-- src_users from the owner names on deals, companies and contacts: HubSpot exports owners by name, so a
-- user's id is their name. Each name is credited to the first file it appears in (deals, then companies,
-- then contacts) at the row it first appears on, under "<file> › owners". Department: the owner's most
-- frequent "HubSpot Team" on the records they own (the team HubSpot records is the owner's primary
-- team), else none. Reads the `extra` owner and team columns the engine resolved for each object
-- (raw_hubspot__<object>_extra, empty for an object the folder has no file for).
create or replace table raw_hubspot__owners as
with mentions as (
  select 0 as file_order, _source_file || ' › owners' as _source_file, _source_row, owner, team from raw_hubspot__deals_extra
  union all
  select 1, _source_file || ' › owners', _source_row, owner, team from raw_hubspot__companies_extra
  union all
  select 2, _source_file || ' › owners', _source_row, owner, team from raw_hubspot__contacts_extra
),
named as (
  select * from mentions where owner is not null
),
team_counts as (
  select owner, team, count(*) as n from named where team is not null group by owner, team
),
teams as (
  select owner, first(team order by n desc, team) as team from team_counts group by owner
),
first_seen as (
  select owner, file_order, _source_file, _source_row from named
  qualify row_number() over (partition by owner order by file_order, _source_row) = 1
)
select
  first_seen._source_file,
  first_seen._source_row,
  hash(first_seen.owner, teams.team) as _row_hash,
  first_seen.owner::varchar as user_id,
  first_seen.owner::varchar as user_name,
  teams.team::varchar as department,
  null::varchar as title,
  null::varchar as role,
  null::varchar as profile,
  null::varchar as start_date,
  null::varchar as is_active,
  null::varchar as region,
  null::varchar as manager_id,
  null::varchar as is_deleted
from first_seen
left join teams using (owner)
order by first_seen.file_order, first_seen._source_row;
