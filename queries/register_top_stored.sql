-- register_top_exact read from projects_top (each edition's largest projects, kept at load): the
-- $limit largest projects by investment (in $currency) in the editions in the range. The same rows
-- while $limit is at most the number kept per edition (config.REGISTER_TOP_PER_EDITION) and every
-- row has a value in $currency: one year's rate orders its projects as CNY does, so each of the
-- range's largest is among its own edition's largest.
select p.year, p.project_id, p.name, p.investor, p.investor_origin, p.sector, p.city,
       money_in(p.investment_cny_bn, fx.cny_per_usd, $currency) as investment,
       p.status,
       $currency as currency
from projects_top p
left join fx_rates fx on fx.year = p.year
where p.convention = $convention and p.year between $year_from and $year_to
order by investment desc nulls last, p.year, p.project_id
limit $limit
