-- Drill-down of the register by edition: one row per edition x category of $dimension ('sector',
-- 'city' or 'investor_origin'; anything else gives no rows) in the range, with the projects and the
-- investment in $currency (money_in: null in USD for a year without an annual rate). Categories are
-- not added up over editions here: the chart shows each edition beside the others.
-- $dimension picks a column through a fixed CASE: no SQL is built from input. Reads projects_rollup.
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
)
select p.year, p.category, sum(p.projects)::bigint as projects,
       money_in(sum(p.investment_cny_bn), any_value(fx.cny_per_usd), $currency) as investment,
       $currency as currency
from picked p left join fx_rates fx on fx.year = p.year
group by p.year, p.category
order by p.year, p.category
