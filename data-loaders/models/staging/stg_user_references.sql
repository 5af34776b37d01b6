-- One row per way an export refers to a user: by id, or by name where the name is unique (report
-- exports write "Opportunity Owner: Jane Kim", not 005…; HubSpot writes owners by name). Deals, leads
-- and their creators are resolved through it to the user's id, so a rep is one rep whichever file names
-- them and however it names them. A name two users share resolves to no one (it stays as written).
-- @column reference: a user id, or a user's name as written on records
-- @column user_id: the user it means
with users as (
  select user_id, user_name from stg_users
),

names as (
  select user_name as reference, min(user_id) as user_id
  from users
  where user_name is not null and user_name not in (select user_id from users)
  group by user_name
  having count(*) = 1
),

final as (
  select user_id as reference, user_id from users
  union all
  select reference, user_id from names
)

select * from final
