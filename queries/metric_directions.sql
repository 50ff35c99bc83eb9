-- One row per metric: whether a rise is good news (true), bad news (false) or neither (null).
select metric, higher_is_better from metrics order by metric
