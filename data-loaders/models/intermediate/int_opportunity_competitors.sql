-- One row per competitor named on an opportunity: the export's competitor object and the comma-joined
-- competitor field (Salesforce demo's MainCompetitors__c, IBM's competitor type), each pair once.
-- @column opportunity_id: the opportunity
-- @column competitor: competitor name as first written (trimmed)
with from_object as (
  select opportunity_id, competitor from stg_opportunity_competitors
),

from_field as (
  select opportunity_id, trim(unnest(string_split(competitors_field, ','))) as competitor
  from stg_opportunities
  where competitors_field is not null
),

named as (
  select * from from_object
  union all
  select * from from_field where competitor <> ''
),

final as (
  select opportunity_id, min(competitor) as competitor
  from named
  group by opportunity_id, lower(competitor)
)

select * from final
