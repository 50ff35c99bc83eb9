-- Drill-down of the register: one row per category of $dimension ('sector', 'city' or
-- 'investor_origin'; anything else gives no rows) over the editions in the range, with the
-- projects, the investment in $currency and its share of the total in %. Largest first.
-- $dimension picks a column through a fixed CASE: no SQL is built from input. Reads
-- projects_rollup (built with the register) rather than scanning every register row.
with picked as (
    select year,
           case $dimension
               when 'sector' then sector
               when 'city' then city
               when 'investor_origin' then investor_origin
           end as category,
           projects, investment_cny_bn
    from projects_rollup
    where convention = $convention and year between $year_from and $year_to
      and $dimension in ('sector', 'city', 'investor_origin')
),
per_year as (
    select year, category, sum(projects) as projects, sum(investment_cny_bn) as cny_bn
    from picked
    group by all
),
converted as (
    select p.category, p.projects,
           money_in(p.cny_bn, fx.cny_per_usd, $currency) as investment
    from per_year p left join fx_rates fx on fx.year = p.year
)
select category,
       sum(projects)::bigint as projects,
       sum(investment) as investment,
       100.0 * sum(investment) / nullif(sum(sum(investment)) over (), 0) as share_pct,
       $currency as currency
from converted
group by category
order by investment desc nulls last, category
