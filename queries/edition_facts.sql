-- One row per fact of one edition, with its source (the "every figure" list of an edition).
select f.metric, m.label, f.value, f.unit, f.qualifier, f.scope, f.is_derived, f.note,
       s.publisher, s.published_on, s.url
from facts f
join metrics m using (metric)
join sources s using (source_id)
where f.convention = $convention and f.year = $year and ($include_derived or not f.is_derived)
order by m.category, f.metric, f.scope
