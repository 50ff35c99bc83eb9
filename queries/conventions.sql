-- One row per convention with the editions it has.
select convention, min(year) as first_year, max(year) as last_year, count(*) as editions
from editions group by convention order by convention
