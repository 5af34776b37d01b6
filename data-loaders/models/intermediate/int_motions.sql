-- One row: whether the export holds any expansion and any renewal opportunity at all (int_opportunities,
-- config opportunityTypes). A figure of a motion the export has none of is null with a note, never a 0
-- that looks like a fact; this is the one definition every mart asks (mart_overview, mart_team_kpis).
-- @column has_expansion: at least one opportunity is an expansion
-- @column has_renewal: at least one opportunity is a renewal
select
  exists (select 1 from int_opportunities where motion = 'expansion') as has_expansion,
  exists (select 1 from int_opportunities where motion = 'renewal') as has_renewal
