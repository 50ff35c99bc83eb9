-- One row per load run the database holds (build, add, rollback, discard), newest first: when, what
-- was read, how many rows, the sha256 over the files read, and which run undid it (empty while it
-- holds). `*`: a database built before the append-only history has no undone_by column yet, and the
-- page reads it all the same.
select * from load_runs order by run_id desc
