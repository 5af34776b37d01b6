-- One row per lead that is a member of a campaign: the campaign the lead is credited to — its first
-- membership (earliest, then lowest campaign id) — and that campaign's name as the export has it.
-- @column lead_id: the lead
-- @column campaign_id: the first campaign the lead was a member of
-- @column campaign_name: that campaign's name (its id when the export has no campaign of that id)
with first_membership as (
  select lead_id, campaign_id
  from stg_campaign_members
  where lead_id is not null
  qualify row_number() over (partition by lead_id order by created_at nulls last, campaign_id) = 1
)

select first_membership.lead_id, first_membership.campaign_id, coalesce(campaigns.campaign_name, first_membership.campaign_id) as campaign_name
from first_membership
left join stg_campaigns as campaigns using (campaign_id)
order by lead_id
