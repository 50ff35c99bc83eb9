-- One row per metric defined in the database, with its label and unit.
select metric, label, unit, category from metrics order by category, metric
