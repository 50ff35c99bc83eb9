-- The $limit largest projects by investment (in $currency) in the editions in the range.
select p.year, p.project_id, p.name, p.investor, p.investor_origin, p.sector, p.city,
       money_in(p.investment_cny_bn, fx.cny_per_usd, $currency) as investment,
       p.status,
       $currency as currency
from projects p
left join fx_rates fx on fx.year = p.year
where p.convention = $convention and p.year between $year_from and $year_to
  and p.investment_cny_bn is not null
order by investment desc nulls last, p.year, p.project_id
limit $limit
