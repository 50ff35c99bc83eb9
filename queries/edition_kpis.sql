-- One row per edition in the range: the core metrics side by side, with qualifiers, derived
-- flags and sources. Derived figures are blanked unless $include_derived.
select * replace (
    case when $include_derived or not coalesce(projects_signed_is_derived, false) then projects_signed end as projects_signed,
    case when $include_derived or not coalesce(investment_signed_is_derived, false) then investment_signed end as investment_signed,
    case when $include_derived or not coalesce(exhibition_area_is_derived, false) then exhibition_area end as exhibition_area,
    case when $include_derived or not coalesce(attendees_is_derived, false) then attendees end as attendees,
    case when $include_derived or not coalesce(countries_regions_is_derived, false) then countries_regions end as countries_regions,
    case when $include_derived or not coalesce(organizers_is_derived, false) then organizers end as organizers
)
from edition_kpis
where convention = $convention and year between $year_from and $year_to
order by year
