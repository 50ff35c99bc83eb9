-- One row per edition of the convention in the year range: dates, format, theme, venue.
select year, edition_no, start_date, end_date, format, theme, city, venue
from editions
where convention = $convention and year between $year_from and $year_to
order by year
