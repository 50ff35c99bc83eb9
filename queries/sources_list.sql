-- One row per source used by any row of the convention in the year range: how many figures
-- (facts), cumulative claims and other rows (edition details, breakdowns, participation, fx
-- rates) it backs there.
with uses as (
    select source_id, 'figure' as kind from facts
    where convention = $convention and year between $year_from and $year_to
    union all
    select source_id, 'claim' from claims
    where convention = $convention and year_from <= $year_to and year_to >= $year_from
    union all
    select source_id, 'other' from editions
    where convention = $convention and year between $year_from and $year_to and source_id is not null
    union all
    select source_id, 'other' from breakdowns
    where convention = $convention and year between $year_from and $year_to
    union all
    select source_id, 'other' from participation
    where convention = $convention and year between $year_from and $year_to
    union all
    select source_id, 'other' from fx_rates where year between $year_from and $year_to
)
select s.source_id, s.publisher, s.title, s.published_on, s.published_precision, s.url,
       count(*) filter (where u.kind = 'figure') as figures,
       count(*) filter (where u.kind = 'claim') as claims,
       count(*) filter (where u.kind = 'other') as other_rows
from sources s
join uses u on u.source_id = s.source_id
group by all
order by figures desc, s.published_on, s.source_id
