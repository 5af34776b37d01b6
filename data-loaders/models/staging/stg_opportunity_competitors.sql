-- One row per competitor named on an opportunity in the export's competitor object.
-- @column opportunity_id: the opportunity
-- @column competitor: competitor name, trimmed
with source as (
  select * from src_opportunity_competitors
),

typed as (
  select
    crm_id(opportunity_id) as opportunity_id,
    trim(competitor) as competitor,
    _source_file,
    _source_row,
    parse_bool(is_deleted) as is_deleted
  from source
),

final as (
  select
    * exclude (is_deleted),
    case
      when opportunity_id is null then 'missing opportunity id'
      when is_deleted then 'deleted in the CRM'
      when competitor is null then 'missing competitor name'
      when row_number() over (partition by opportunity_id, lower(competitor) order by _source_row) > 1
        then 'duplicate competitor on the same opportunity'
      when opportunity_id not in (select opportunity_id from stg_opportunities) then coalesce(
        'its opportunity was quarantined: ' || (select min(reason) from dq_quarantine as q where q.model = 'stg_opportunities' and q.record_id = typed.opportunity_id),
        'references a missing opportunity')
    end as quarantine_reason
  from typed
)

select * from final
