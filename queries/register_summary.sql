-- One row per edition in the range with register rows: projects and investment in the register
-- next to the reported edition totals (edition_kpis), with the difference and the difference in %
-- of the reported figure. Investment in $currency ('CNY' or 'USD' at the year's fx rate).
-- Derived reported figures are blanked unless $include_derived.
-- Reads projects_rollup (built with the register) rather than scanning every register row.
with reg as (
    select year, sum(projects)::bigint as register_projects, sum(investment_cny_bn) as register_cny_bn
    from projects_rollup
    where convention = $convention and year between $year_from and $year_to
    group by year
),
rep as (
    select year,
           case when $include_derived or not coalesce(projects_signed_is_derived, false)
                then projects_signed end as reported_projects,
           projects_signed_qualifier as reported_projects_qualifier,
           case when $include_derived or not coalesce(investment_signed_is_derived, false)
                then investment_signed end as reported_cny_bn,
           investment_signed_qualifier as reported_investment_qualifier
    from edition_kpis
    where convention = $convention and year between $year_from and $year_to
),
joined as (
    select reg.year, reg.register_projects, rep.reported_projects, rep.reported_projects_qualifier,
           rep.reported_investment_qualifier, reg.register_cny_bn,
           money_in(reg.register_cny_bn, fx.cny_per_usd, $currency) as register_investment,
           money_in(rep.reported_cny_bn, fx.cny_per_usd, $currency) as reported_investment
    from reg
    left join rep on rep.year = reg.year
    left join fx_rates fx on fx.year = reg.year
)
select year,
       register_projects,
       reported_projects,
       reported_projects_qualifier,
       register_projects - reported_projects as projects_difference,
       100.0 * (register_projects - reported_projects) / nullif(reported_projects, 0) as projects_difference_pct,
       register_investment,
       reported_investment,
       reported_investment_qualifier,
       register_cny_bn,
       register_investment - reported_investment as investment_difference,
       100.0 * (register_investment - reported_investment) / nullif(reported_investment, 0) as investment_difference_pct,
       $currency as currency
from joined
order by year
