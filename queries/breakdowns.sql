-- One row per edition x dimension x category in the range (sector, size band, subsets); the investment
-- also in $currency (money_in: at the year's annual rate, null in USD without one).
select b.year, b.dimension, b.category, b.projects, b.projects_qualifier, b.investment_cny_bn,
       b.investment_qualifier, fx.cny_per_usd,
       money_in(b.investment_cny_bn, fx.cny_per_usd, $currency) as investment, s.publisher, s.url, b.note
from breakdowns b
left join sources s on s.source_id = b.source_id
left join fx_rates fx on fx.year = b.year
where b.convention = $convention and b.year between $year_from and $year_to
order by b.year, b.dimension, b.category
