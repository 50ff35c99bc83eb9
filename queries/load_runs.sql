-- One row per load run the database holds (build, add), newest first: when, what was read, how many
-- rows, and the sha256 over the files read.
select run_id, loaded_at, action, files, rows, checksum
from load_runs order by run_id desc
