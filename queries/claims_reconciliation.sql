-- One row per cumulative claim: the claimed value, how its metric combines over editions
-- (metrics.aggregation), and the per-edition figures of the claim's scope it covers, kept apart by
-- kind: closing (reported at or after the close), expected (announced before or at the opening, for
-- an edition without a closing figure) and derived (arithmetic, for an edition with neither).
-- A figure counts when its scope is the claim's scope word for word, or claim_scopes maps it there.
-- Also the claims of the same scope over fewer editions that state a larger value, of the same metric
-- or of one that is part of it (metrics.part_of).
with matched as (
    select c.claim_id, f.year, f.value, f.is_derived, f.stage = 'expected' as is_expected
    from claims c
    join facts f on f.convention = c.convention and f.metric = c.metric
         and f.year between c.year_from and c.year_to
         and (f.scope = c.scope
              or exists (select 1 from claim_scopes s where s.claim_scope = c.scope and s.fact_scope = f.scope))
    where c.convention = $convention
),
per_edition as (
    -- An edition has one figure per kind; max() only guards against two facts mapped to one scope.
    select claim_id, year,
           max(value) filter (where not is_derived and not is_expected) as closing,
           max(value) filter (where not is_derived and is_expected) as expected,
           max(value) filter (where is_derived) as derived
    from matched
    group by all
),
per_claim as (
    select claim_id,
           sum(closing) as sum_closing,
           count(closing) as editions_closing,
           list(year order by year) filter (where closing is not null) as years_closing,
           max(closing) as max_closing,
           arg_max(year, closing) filter (where closing is not null) as max_closing_year,
           sum(expected) filter (where closing is null) as sum_expected,
           list(year order by year) filter (where closing is null and expected is not null) as years_expected,
           sum(derived) filter (where closing is null and expected is null) as sum_derived,
           list(year order by year) filter (where closing is null and expected is null and derived is not null)
               as years_derived
    from per_edition
    group by all
),
larger_within as (
    -- Claims of this metric, or of a metric that is part of it, over editions within this claim's.
    select a.claim_id,
           list(struct_pack(year_from := b.year_from, year_to := b.year_to, value := b.value, metric := b.metric,
                            label := bm.label) order by b.year_to, b.year_from, b.metric) as larger_claims_within
    from claims a
    join claims b on b.convention = a.convention and b.scope = a.scope and b.claim_id <> a.claim_id
         and b.year_from >= a.year_from and b.year_to <= a.year_to and b.value > a.value
    join metrics bm on bm.metric = b.metric and (b.metric = a.metric or bm.part_of = a.metric)
    where a.convention = $convention
    group by all
)
select c.claim_id, c.year_from, c.year_to, c.metric, m.label, m.aggregation, c.value as claimed, c.unit,
       c.qualifier, c.scope, c.note, s.publisher, s.published_on, s.url,
       c.year_to - c.year_from + 1 as editions_covered,
       coalesce(p.editions_closing, 0) as editions_closing,
       coalesce(p.years_closing, []) as years_closing,
       coalesce(p.years_expected, []) as years_expected,
       coalesce(p.years_derived, []) as years_derived,
       p.sum_closing, p.max_closing, p.max_closing_year, p.sum_expected, p.sum_derived,
       coalesce(l.larger_claims_within, []) as larger_claims_within
from claims c
join metrics m on m.metric = c.metric
left join sources s on s.source_id = c.source_id
left join per_claim p on p.claim_id = c.claim_id
left join larger_within l on l.claim_id = c.claim_id
where c.convention = $convention
order by c.metric, c.year_from, c.year_to
