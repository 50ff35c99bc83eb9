-- Derived figures (arithmetic, never reported as such) in the range: what the sidebar's
-- "Include derived figures" adds to every page.
select f.year, f.metric, m.label, f.value, f.unit, f.qualifier, f.note
from facts f
join metrics m on m.metric = f.metric
where f.convention = $convention and f.year between $year_from and $year_to and f.is_derived
order by f.year, f.metric
