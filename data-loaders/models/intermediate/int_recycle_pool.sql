-- One row per record in the recycle pool (METRICS.md "Recycled leads"): every new-business opportunity
-- closed lost and every lead disqualified, with its reason group, the date it was lost, when it is due
-- for another approach, and its first return: the first new record of the same account in the
-- new-business funnel created after the loss, i.e. a new lead, or a new opportunity that no lead was
-- converted into (int_funnel_records). A record is recycled once, at that first return; whether it
-- "leads to a won deal" is decided by that return alone (the return's lead converted into a won
-- new-business opportunity, or the return opportunity itself won), never by a later one.
--
-- Which account: a lost deal's own account; a disqualified lead's converted account, else the account
-- whose name its company matches uniquely (int_funnel_records); a lead matched to no account is followed
-- by its company name instead (case and outer spaces ignored), so it can still come back as a lead of
-- that company. Records with neither, or with no loss date, cannot be followed (is_trackable = false).
--
-- When it was lost: a lost deal on its close date. A disqualified lead has no disqualification date in
-- any export we read (Salesforce keeps it only in LastModifiedDate and field history, which staging does
-- not read), so its loss date is the last date known on the lead: the latest of its creation, MQL, SQL
-- and conversion dates and the last activity logged on it up to the as-of date. The true date is that
-- day or later, so a lead of the same account that arrived while the lead was still being worked can
-- count as an early return (0–2 months); the lost_date_basis column says which date stood in. On the
-- bundled sample, whose LastModifiedDate holds the true date, the true dates give a re-engagement rate
-- of 86.8% and a yield of 5.5% (285 / 5,156); these estimates give 90.9% and 5.4% (294 / 5,400).
-- Reading the lead's LastModifiedDate into staging would make the date exact for most CRMs.
-- A return is created on a later calendar day than the loss date (the loss's time of day is unknown),
-- and is never the pooled record itself or the other half of its own lead → opportunity conversion.
--
-- Due for another approach (the recycle queue): "revisit later" losses N months after the loss, N from
-- the reason ("Revisit in 6 months"), else config setting recycle_revisit_default_months (default 6);
-- unreachable ones after config setting recycle_unreachable_months (default 3), a quarter being the
-- usual wait before trying a contact that never answered again. Other reasons (no budget, no need,
-- competitor, other, unknown) are not scheduled: nothing in the reason says when to try again.
-- @column record_type: opportunity (a lost new-business deal) or lead (a disqualified lead)
-- @column record_id: opportunity id or lead id
-- @column account_id: the account followed for a return (null for a lead matched to no account)
-- @column account_name: the account's name, else the company typed on the lead (a company, never a person)
-- @column follow_key: what returns are matched on: the account id, else 'company:' and the lead's company name in lower case
-- @column is_trackable: the record has an account or company and a loss date, so a return can be looked for
-- @column reason: loss or disqualification reason as the CRM has it
-- @column reason_group: unreachable, revisit_later, no_budget, no_need, competitor, other, or unknown when no reason was recorded
-- @column revisit_months: for revisit-later losses, the N of "revisit in N months" (null when the reason names no month)
-- @column lost_date: date of the loss: close date of a deal; last known date of a disqualified lead (see above)
-- @column lost_date_basis: which date is the loss date: close_date, modified_date (a lead's last change), last_activity, converted_date, sql_date, mql_date or created_date
-- @column owner_id: user id of the rep who owned the lost record
-- @column owner_name: name of that rep (a user, never a contact)
-- @column amount: amount of the lost deal in the reporting currency; null for leads
-- @column channel: inbound, outbound or unknown
-- @column lead_source: lead source as the CRM has it
-- @column tier: tier of the account, or unknown
-- @column due_date: when the record is due for another approach (revisit-later and unreachable losses only; see above)
-- @column returned_record_type: lead or opportunity (one without a lead): the first return's kind; null when nothing came back
-- @column returned_record_id: id of the first return
-- @column returned_at: when the first return was created
-- @column months_to_return: complete calendar months from the loss date to the first return
-- @column return_outcome: outcome of the first return so far: won, lost, disqualified or open
-- @column return_won: the first return ended in a won new-business deal (false when nothing came back)
with as_of as (
  select as_of from int_as_of
),

settings as (
  select
    coalesce((select value::integer from config_setting where name = 'recycle_revisit_default_months'), 6) as revisit_default_months,
    coalesce((select value::integer from config_setting where name = 'recycle_unreachable_months'), 3) as unreachable_months
),

lead_records as (
  select * from int_funnel_records where record_type = 'lead'
),

lead_last_activity as (
  -- Activities dated after the as-of date are scheduled, not done.
  select tasks.lead_id, max(tasks.activity_date) as last_activity_date
  from stg_tasks as tasks
  cross join as_of
  where tasks.lead_id is not null and tasks.activity_date <= as_of.as_of
  group by tasks.lead_id
),

lost_deals as (
  select
    'opportunity' as record_type,
    opportunity_id as record_id,
    opportunity_id as chain_id,
    account_id,
    account_name,
    account_id as follow_key,
    loss_reason as reason,
    close_date as lost_date,
    'close_date' as lost_date_basis,
    owner_id,
    owner_name,
    amount,
    channel,
    lead_source,
    tier
  from int_opportunities
  where motion = 'new_business' and outcome = 'lost'
),

disqualified_dates as (
  select
    leads.*,
    lead_records.account_id,
    lead_records.tier,
    nullif(trim(leads.company), '') as company_name,
    lead_last_activity.last_activity_date,
    -- The lead's last change is when it was closed; without it, the last date known on the lead stands in.
    coalesce(
      leads.modified_at::date,
      greatest(
        leads.created_at::date, leads.mql_at::date, leads.sql_at::date, leads.converted_at::date,
        lead_last_activity.last_activity_date
      )
    ) as lost_date
  from stg_leads as leads
  join lead_records on lead_records.record_id = leads.lead_id
  left join lead_last_activity using (lead_id)
  where leads.status_step = 'disqualified'
),

disqualified_leads as (
  select
    'lead' as record_type,
    leads.lead_id as record_id,
    -- a lead and the opportunity it was converted into are one chain: neither is the other's return
    coalesce(leads.converted_opportunity_id, leads.lead_id) as chain_id,
    leads.account_id,
    coalesce(accounts.account_name, leads.company_name) as account_name,
    coalesce(leads.account_id, 'company:' || lower(leads.company_name)) as follow_key,
    leads.loss_reason as reason,
    leads.lost_date,
    case
      when leads.modified_at is not null then 'modified_date'
      else case leads.lost_date
      when leads.last_activity_date then 'last_activity'
      when leads.converted_at::date then 'converted_date'
      when leads.sql_at::date then 'sql_date'
      when leads.mql_at::date then 'mql_date'
      else 'created_date'
      end
    end as lost_date_basis,
    leads.owner_id,
    coalesce(owner.user_name, leads.owner_id) as owner_name,
    null::double as amount,
    leads.channel,
    leads.lead_source,
    leads.tier
  from disqualified_dates as leads
  left join stg_accounts as accounts using (account_id)
  left join stg_users as owner on owner.user_id = leads.owner_id
),

pool as (
  select *, loss_reason_group(reason) as reason_group_or_null
  from (
    select * from lost_deals
    union all
    select * from disqualified_leads
  )
),

funnel_entries as (
  -- Everything that can be a return: a new record in the new-business funnel (int_funnel_records): a
  -- lead, or an opportunity that no lead was converted into, on the day it was created. An opportunity
  -- converted from a lead is part of that lead's record, so a lead that was already open at the loss
  -- and converts afterwards is not a return: the account never left the funnel. Numbered per account
  -- (entry_seq) in return order: the earliest first; on the same instant a lead before an opportunity.
  select
    *,
    created_at::date as created_day,
    row_number() over (partition by follow_key order by created_at, entry_type, entry_id) as entry_seq
  from (
    select
      funnel.record_type as entry_type,
      funnel.record_id as entry_id,
      coalesce(funnel.opportunity_id, funnel.record_id) as chain_id,
      coalesce(funnel.account_id, 'company:' || lower(nullif(trim(leads.company), ''))) as follow_key,
      funnel.created_at,
      funnel.outcome
    from int_funnel_records as funnel
    -- An equality on a key (not `record_type = 'lead' and …`, which DuckDB runs as a nested loop over
    -- every pair of records) keeps this a hash join.
    left join stg_leads as leads on leads.lead_id = case when funnel.record_type = 'lead' then funnel.record_id end
  )
),

entry_days as (
  -- per account and day, the first entry of that day and its chain
  select follow_key, created_day, min(entry_seq) as first_seq, arg_min(chain_id, entry_seq) as first_chain_id
  from funnel_entries
  group by follow_key, created_day
),

first_after_loss as (
  -- The first entry of the account on a later day than the loss: an as-of join finds it in one pass,
  -- where pairing every loss with every later entry grew to ten million pairs at a million leads.
  select
    pool.record_type,
    pool.record_id,
    pool.follow_key,
    pool.chain_id,
    entry_days.first_seq,
    entry_days.first_chain_id = pool.chain_id as in_own_chain
  from pool
  asof join entry_days
    on entry_days.follow_key = pool.follow_key
    and entry_days.created_day > pool.lost_date
),

first_return_seqs as (
  -- That entry is the return, unless it belongs to the lost record's own chain (the record itself, or
  -- the other half of its lead → opportunity conversion): then the first later entry outside the chain.
  select record_type, record_id, follow_key, first_seq as entry_seq
  from first_after_loss
  where not in_own_chain
  union all
  select firsts.record_type, firsts.record_id, firsts.follow_key, min(entries.entry_seq)
  from first_after_loss as firsts
  join funnel_entries as entries
    on entries.follow_key = firsts.follow_key
    and entries.entry_seq > firsts.first_seq
    and entries.chain_id <> firsts.chain_id
  where firsts.in_own_chain
  group by firsts.record_type, firsts.record_id, firsts.follow_key
),

first_returns as (
  select
    seqs.record_type,
    seqs.record_id,
    entries.entry_type as returned_record_type,
    entries.entry_id as returned_record_id,
    entries.created_at as returned_at,
    entries.outcome as return_outcome
  from first_return_seqs as seqs
  join funnel_entries as entries using (follow_key, entry_seq)
),

final as (
  select
    pool.record_type,
    pool.record_id,
    pool.account_id,
    pool.account_name,
    pool.follow_key,
    pool.follow_key is not null and pool.lost_date is not null as is_trackable,
    pool.reason,
    coalesce(pool.reason_group_or_null, 'unknown') as reason_group,
    case when pool.reason_group_or_null = 'revisit_later' then revisit_months(pool.reason) end as revisit_months,
    pool.lost_date,
    pool.lost_date_basis,
    pool.owner_id,
    pool.owner_name,
    pool.amount,
    pool.channel,
    pool.lead_source,
    pool.tier,
    case pool.reason_group_or_null
      when 'revisit_later' then
        (pool.lost_date + to_months(coalesce(revisit_months(pool.reason), settings.revisit_default_months)))::date
      when 'unreachable' then (pool.lost_date + to_months(settings.unreachable_months))::date
    end as due_date,
    first_returns.returned_record_type,
    first_returns.returned_record_id,
    first_returns.returned_at,
    date_sub('month', pool.lost_date, first_returns.returned_at::date)::integer as months_to_return,
    first_returns.return_outcome,
    coalesce(first_returns.return_outcome = 'won', false) as return_won
  from pool
  cross join settings
  left join first_returns using (record_type, record_id)
)

select * from final
