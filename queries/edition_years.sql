-- One row per edition of the convention (all years), oldest first.
select year from editions where convention = $convention order by year
