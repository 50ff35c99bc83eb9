-- One row per year in the range: the annual average CNY per USD and its source.
select fx.year, fx.cny_per_usd, s.publisher, s.url, s.published_on
from fx_rates fx join sources s using (source_id)
where fx.year between $year_from and $year_to
order by fx.year
