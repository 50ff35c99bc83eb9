-- One row per edition x metric in the year range: whether the edition has a reported figure, only
-- a derived one, only an "expected" (announced in advance) one, or none. Any scope counts.
with cells as (
    select e.year, m.metric, m.label, m.category, m.unit,
           count(f.metric) as figures,
           coalesce(bool_or(not f.is_derived and f.stage <> 'expected'), false) as has_reported,
           coalesce(bool_or(f.is_derived), false) as has_derived,
           coalesce(bool_or(not f.is_derived and f.stage = 'expected'), false) as has_expected
    from editions e
    cross join metrics m
    left join facts f on f.convention = e.convention and f.year = e.year and f.metric = m.metric
    where e.convention = $convention and e.year between $year_from and $year_to
    group by all
)
select year, metric, label, category, unit, figures,
       case when has_reported then 'reported'
            when has_derived then 'derived'
            when has_expected then 'expected'
            else 'missing' end as status
from cells
order by category, label, year
