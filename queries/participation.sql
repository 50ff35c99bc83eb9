-- One row per organization x edition x role in the range, with the organization's first edition.
select p.year, p.organization, p.kind, p.role, o.first_year, o.editions, s.publisher, s.url
from participation p
join organizations o using (organization)
left join sources s on s.source_id = p.source_id
where p.convention = $convention and p.year between $year_from and $year_to
order by p.year, p.role, p.organization
