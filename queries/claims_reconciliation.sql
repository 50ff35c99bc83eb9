-- One row per cumulative claim: the claimed value beside the sum of the per-edition figures it
-- covers (reported only, and reported + derived), how many of its editions have a figure, and
-- the difference.
with per_claim as (
    select c.claim_id, c.year_from, c.year_to, c.metric, m.label, c.value as claimed, c.unit,
           c.qualifier, c.note, s.publisher, s.published_on, s.url,
           sum(f.value) filter (where not f.is_derived) as sum_reported,
           sum(f.value) as sum_with_derived,
           count(distinct f.year) filter (where not f.is_derived) as editions_reported,
           count(distinct f.year) as editions_with_derived,
           c.year_to - c.year_from + 1 as editions_covered
    from claims c
    join metrics m on m.metric = c.metric
    left join sources s on s.source_id = c.source_id
    left join facts f on f.convention = c.convention and f.metric = c.metric
         and f.year between c.year_from and c.year_to and f.scope = 'whole convention'
    where c.convention = $convention
    group by all
)
select *, claimed - sum_reported as gap_reported, claimed - sum_with_derived as gap_with_derived
from per_claim
order by metric, year_from, year_to
