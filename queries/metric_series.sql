-- One row per edition x requested metric in the range. An edition with no figure keeps its row
-- with a null value (a gap in charts, never a zero). Derived figures only if $include_derived.
-- stage and the metric's compare_by say what a figure may be compared with (queries/read_model.py).
with wanted as (select unnest($metrics::varchar[]) as metric)
select e.year, w.metric, m.label, m.unit, m.compare_by, f.value, f.qualifier, f.stage, f.is_derived, f.scope, f.note,
       s.publisher, s.published_on, s.published_precision, s.url, f.source_id, fx.cny_per_usd,
       -- the scope a change is measured in: a fact scope claim_scopes marks as the same scope reads as it
       coalesce((select min(cs.claim_scope) from claim_scopes cs where cs.fact_scope = f.scope and cs.same_scope),
                f.scope) as compare_scope
from editions e
cross join wanted w
join metrics m on m.metric = w.metric
left join facts f on f.convention = e.convention and f.year = e.year and f.metric = w.metric
     and ($include_derived or not f.is_derived)
left join sources s on s.source_id = f.source_id
left join fx_rates fx on fx.year = e.year
where e.convention = $convention and e.year between $year_from and $year_to
qualify row_number() over (partition by e.year, w.metric
                           order by f.scope = 'whole convention' desc, f.scope) = 1
order by w.metric, e.year
