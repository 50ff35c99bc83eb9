-- Every project in the range whose CNY investment reaches the $candidates-th largest: a numeric
-- top-N finds that threshold, then one filtered scan fetches the rows (carrying the text columns
-- through a top-N is what costs at 10^7 rows). ui/register.top turns these into the exact top.
with threshold as (
    select min(investment_cny_bn) as cny_bn from (
        select investment_cny_bn from projects
        where convention = $convention and year between $year_from and $year_to
          and investment_cny_bn is not null
        order by investment_cny_bn desc
        limit $candidates)
)
select p.year, p.project_id, p.name, p.investor, p.investor_origin, p.sector, p.city, p.investment_cny_bn,
       p.status
from projects p, threshold t
where p.convention = $convention and p.year between $year_from and $year_to
  and p.investment_cny_bn >= t.cny_bn
