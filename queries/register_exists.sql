-- One row: whether the signed-projects register holds any row.
select exists (select 1 from projects) as has_rows
