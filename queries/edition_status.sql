-- One row per edition with reported (not derived) figures in the year range: its status, 'preliminary' when every
-- such figure was given before the results (stage expected or preliminary), else 'reported'. Decided from the data
-- only, so it changes by itself when a closing figure arrives (vocabulary.EDITION_STATUSES).
select year,
       case when bool_and(coalesce(stage, case when qualifier = 'expected' then 'expected' else 'closing' end)
                          in ('expected', 'preliminary')) then 'preliminary' else 'reported' end as status
from facts
where convention = $convention and year between $year_from and $year_to and not is_derived
group by year
order by year
