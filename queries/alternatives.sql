-- One row per alternative value (another source's figure for a stored fact) of the convention in the
-- year range, beside the headline it was weighed against: both values, qualifiers and sources, and the
-- step of the headline rule that put the headline first (loaders.schema.HEADLINE_RULE).
select a.year, a.metric, m.label, m.unit, a.scope,
       f.value as headline_value, f.qualifier as headline_qualifier, f.source_id as headline_source_id,
       hs.publisher as headline_publisher, hs.published_on as headline_published_on,
       hs.published_precision as headline_published_precision, hs.url as headline_url,
       a.value, a.qualifier, a.source_id, s.publisher, s.published_on, s.published_precision, s.url,
       a.preferred_by, a.note
from alternatives a
join facts f on f.convention = a.convention and f.year = a.year and f.metric = a.metric and f.scope = a.scope
join metrics m on m.metric = a.metric
left join sources s on s.source_id = a.source_id
left join sources hs on hs.source_id = f.source_id
where a.convention = $convention and a.year between $year_from and $year_to
order by a.year, m.category, m.label, a.scope, s.published_on, a.source_id
