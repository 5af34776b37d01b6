-- HubSpot's values that need parsing: the macros ingest/hubspot.ts names in its declaration (`parse` and
-- `{ apply }` candidates). Each takes cells already trimmed, empty as null.

-- The first id of an association column: HubSpot joins a record's companies with ';' ("123;456" → "123").
create or replace macro hubspot_first_id(ids) as nullif(trim(regexp_extract(ids, '^[^;,]*')), '');

-- HubSpot's ICP tiers as the A/B/C the metrics use ("tier_1", "Tier 1", "tier-1" → "A"); any other value
-- is kept as it is, and config `tiers` or the data-quality page takes it from there.
create or replace macro hubspot_tier(tier) as
  case regexp_replace(lower(tier), '[\s_-]+', '_', 'g')
    when 'tier_1' then 'A' when 'tier_2' then 'B' when 'tier_3' then 'C'
    else tier
  end;

-- One of HubSpot's true/false flags as a boolean, read as models/macros.sql's parse_bool reads any flag
-- (that macro is not there yet when an export is loaded on its own, as the ingest tests do).
create or replace macro hubspot_flag(x) as case
  when lower(x) in ('1', 'true', 't', 'yes', 'y') then true
  when lower(x) in ('0', 'false', 'f', 'no', 'n') then false
end;

-- Closed when won or lost by HubSpot's two flags, for exports without "Is Deal Closed?"; unknown when
-- either flag is.
create or replace macro hubspot_closed(won, lost) as
  case
    when hubspot_flag(won) or hubspot_flag(lost) then 'true'
    when hubspot_flag(won) = false and hubspot_flag(lost) = false then 'false'
  end;
