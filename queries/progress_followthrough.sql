-- One row per progress figure (one measure of one report) whose editions overlap the year range:
-- the figure, its source, when the editions it follows were signed, the signed figures of exactly
-- those editions in the report's scope (or a fact scope claim_scopes maps to it) with their stage, and the signed
-- claims of that scope over the same or more editions. $signed_metrics names the signed metrics a
-- measure can be a part of (vocabulary.PROGRESS_MEASURES); derived facts are never a denominator.
with signed as (
    select p.report_id, p.measure,
           list(struct_pack(year := f.year, metric := f.metric, value := f.value, qualifier := f.qualifier,
                            stage := f.stage)
                order by f.year, f.metric) as signed_figures
    from progress p
    join facts f on f.convention = p.convention and list_contains($signed_metrics, f.metric)
         and f.year between p.year_from and p.year_to and not f.is_derived
         and (f.scope = p.scope
              or exists (select 1 from claim_scopes s where s.claim_scope = p.scope and s.fact_scope = f.scope))
    where p.convention = $convention
    group by all
),
claimed as (
    select p.report_id, p.measure,
           list(struct_pack(claim_id := c.claim_id, year_from := c.year_from, year_to := c.year_to,
                            metric := c.metric, value := c.value, qualifier := c.qualifier)
                order by c.year_to, c.year_from, c.metric) as signed_claims
    from progress p
    join claims c on c.convention = p.convention and c.scope = p.scope and list_contains($signed_metrics, c.metric)
         and c.year_from <= p.year_from and c.year_to >= p.year_to
    where p.convention = $convention
    group by all
)
select p.report_id, p.year_from, p.year_to, p.status_on, p.status_precision, p.measure, p.value, p.unit,
       p.qualifier, p.scope, p.note, p.source_id, s.publisher, s.title, s.url, s.published_on,
       s.published_precision,
       coalesce(first_edition.end_date, first_edition.start_date) as first_signed_on,
       coalesce(last_edition.end_date, last_edition.start_date) as last_signed_on,
       fx.cny_per_usd as status_cny_per_usd,
       coalesce(g.signed_figures, []) as signed_figures,
       coalesce(c.signed_claims, []) as signed_claims
from progress p
left join sources s on s.source_id = p.source_id
left join editions first_edition on first_edition.convention = p.convention and first_edition.year = p.year_from
left join editions last_edition on last_edition.convention = p.convention and last_edition.year = p.year_to
left join fx_rates fx on fx.year = year(p.status_on)
left join signed g on g.report_id = p.report_id and g.measure = p.measure
left join claimed c on c.report_id = p.report_id and c.measure = p.measure
where p.convention = $convention and p.year_from <= $year_to and p.year_to >= $year_from
order by p.year_from, p.year_to, p.status_on, p.report_id, p.measure
