-- One row per value in the export that the config does not map: a lead status or stage (those rows are
-- quarantined), a lead source (shown as channel unknown), a department (team unknown), an opportunity
-- type (read as new business) or a loss reason (grouped by its words, or as other). The fix is one line
-- in data/config.json; the data-quality page lists them so nobody has to guess why a number moved.
-- @column kind: lead_status, opportunity_stage, lead_source, department, opportunity_type or loss_reason
-- @column value: the value as the export has it
-- @column setting: the config setting to add it to
-- @column consequence: what happens to these rows until it is mapped
-- @column records: rows carrying the value
with values_seen as (
  select 'lead_status' as kind, status as value from src_leads
  union all select 'opportunity_stage', stage_name from src_opportunities
  union all select 'opportunity_stage', stage_name from src_opportunity_history
  union all select 'lead_source', lead_source from src_leads
  union all select 'lead_source', lead_source from src_opportunities
  union all select 'department', department from src_users
  union all select 'opportunity_type', opportunity_type from src_opportunities
  union all select 'loss_reason', loss_reason from src_opportunities
  union all select 'loss_reason', loss_reason from src_leads
),

unmapped as (
  select kind, value
  from values_seen
  where value is not null
    and case kind
      when 'lead_status' then match_key(value) not in (select match_key from config_lead_status)
      when 'opportunity_stage' then match_key(value) not in (select match_key from config_opportunity_stage)
      when 'lead_source' then match_key(value) not in (select match_key from config_channel)
      when 'department' then match_key(value) not in (select match_key from config_team)
      when 'opportunity_type' then match_key(value) not in (select match_key from config_opportunity_type)
      when 'loss_reason' then match_key(value) not in (select match_key from config_loss_reason)
    end
),

final as (
  select
    kind,
    value,
    case kind
      when 'lead_status' then 'funnel.leadStatuses'
      when 'opportunity_stage' then 'funnel.opportunityStages'
      when 'lead_source' then 'channels'
      when 'department' then 'teams'
      when 'opportunity_type' then 'opportunityTypes'
      else 'lossReasons'
    end as setting,
    case kind
      when 'lead_status' then 'rows quarantined'
      when 'opportunity_stage' then 'rows quarantined'
      when 'lead_source' then 'channel shown as unknown'
      when 'department' then 'team shown as unknown'
      when 'opportunity_type' then 'read as new business'
      else 'grouped as ' || loss_reason_group(value)
    end as consequence,
    count(*)::integer as records
  from unmapped
  group by all
)

select * from final
order by kind, records desc, value
