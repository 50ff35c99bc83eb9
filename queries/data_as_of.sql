-- One row: the latest load run, how many facts the database holds and how many sources back them
-- (ui/export.source_count counts the same way: sources of figures, not every stored source).
select run_id, loaded_at, action,
       (select count(distinct source_id) from facts) as sources,
       (select count(*) from facts) as facts
from load_runs order by run_id desc limit 1
