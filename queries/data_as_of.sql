-- One row: the latest load run and how many sources and facts the database holds.
select run_id, loaded_at, action,
       (select count(*) from sources) as sources,
       (select count(*) from facts) as facts
from load_runs order by run_id desc limit 1
