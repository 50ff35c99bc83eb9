-- Register rows for export, by edition and project id (a load stores them in no set order): the editions in the range, optionally one
-- $sector / $city / $investor_origin (NULL = all), at most $max_rows rows. Investment stays in bn CNY.
select convention, year, project_id, name, investor, investor_origin, sector, city,
       investment_cny_bn, status
from projects
where convention = $convention and year between $year_from and $year_to
  and ($sector is null or sector = $sector)
  and ($city is null or city = $city)
  and ($investor_origin is null or investor_origin = $investor_origin)
order by year, project_id
limit $max_rows
