-- One row per fact of the convention in the year range, with its metric, source and the year's
-- average CNY per USD (for converting money rows). Derived figures only if $include_derived.
select f.year, f.metric, m.label, m.category, f.value, f.unit, f.qualifier, f.scope, f.is_derived,
       f.note, f.source_id, s.publisher, s.title, s.published_on, s.published_precision, s.url, fx.cny_per_usd
from facts f
join metrics m on m.metric = f.metric
left join sources s on s.source_id = f.source_id
left join fx_rates fx on fx.year = f.year
where f.convention = $convention and f.year between $year_from and $year_to
  and ($include_derived or not f.is_derived)
order by f.year, m.category, m.label, f.scope
