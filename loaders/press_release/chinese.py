"""Figures in Chinese sentences (项目, 投资, 面积, 参展企业 ...): facts, claims and the manufacturing subset."""
from __future__ import annotations

import re

from loaders.press_release.context import EXPECTED_CTX, is_claim as _is_claim_text
from loaders.press_release.edition import _other_year
from loaders.press_release.model import CLAIM_METRICS, EXPECTED_SCOPE, SCOPES, UNITS, Breakdown, Claim, Extraction, Fact
from loaders.press_release.numbers import _round
from loaders.press_release.statements import _claim_range
from loaders.press_release.text import Sentence


# ---------------------------------------------------------------- Chinese

_CN_Q = r"(?P<q>超过|逾|约|大约|近|将近|接近|至少|不少于|共|达|为|达到)*"
_CN_NUM = r"(?P<n>\d[\d,]*(?:\.\d+)?)"
_CN_RULES = [
    (r"(?:签约|签署|签订|促成)?(?:合作)?项目(?:共|数量|总数)?" + _CN_Q + _CN_NUM + r"(?P<more>余|多)?个", "projects_signed", 1),
    (_CN_Q + _CN_NUM + r"(?P<more>余|多)?个(?:签约|合作)?项目", "projects_signed", 1),
    (r"(?:总投资|投资总额|投资额|投资|签约金额|总金额|金额)" + _CN_Q + _CN_NUM + r"(?P<scale>万亿|亿)(?P<cur>元|美元)",
     "investment", 1),
    (r"(?P<where>室内|展馆|室外|户外)?(?:展览|展示|展区|展馆)?面积" + _CN_Q + _CN_NUM + r"(?P<wan>万)?平方米", "area", 1),
    (r"参展(?:企业|商|单位)" + _CN_Q + _CN_NUM + r"(?P<more>余|多)?家", "exhibitors", 1),
    (_CN_Q + _CN_NUM + r"(?P<more>余|多)?家(?:企业|单位)参展", "exhibitors", 1),
    (r"展品" + _CN_Q + _CN_NUM + r"(?P<more>余|多)?件", "exhibits", 1),
    (_CN_Q + _CN_NUM + r"(?P<more>余|多)?个国家和地区", "countries_regions", 1),
    (r"活动" + _CN_Q + _CN_NUM + r"(?P<more>余|多)?场", "events", 1),
    (_CN_Q + _CN_NUM + r"(?P<more>余|多)?场(?:活动|论坛)", "events", 1),
    (r"嘉宾" + _CN_Q + _CN_NUM + r"(?P<more>余|多)?(?:人|名)", "attendees", 1),
    (_CN_Q + _CN_NUM + r"(?P<more>余|多)?名(?:嘉宾|代表)", "attendees", 1),
]
_CN_QUAL = {"超过": "more_than", "逾": "more_than", "约": "about", "大约": "about", "近": "nearly", "将近": "nearly",
            "接近": "nearly", "至少": "at_least", "不少于": "at_least"}


def _chinese(sent: Sentence, year: int | None, result: Extraction) -> None:
    s = sent.text
    masked = re.sub(r"\d+\s*(?:%|％)", lambda m: "#" * len(m.group()), s)
    is_claim = _is_claim_text(s)
    expected = bool(EXPECTED_CTX.search(s))
    if _other_year(re.sub(r"(20\d\d)\s*年?\s*世界制造业大会", "", s), year) and not is_claim:
        return
    clauses = [(m.start(), m.group()) for m in re.finditer(r"[^，,；;。！？]+", masked)]
    subset_open = None
    for offset, clause in clauses:
        if clause.startswith("其中"):
            subset_open = ("subset", "manufacturing") if "制造业" in clause else "drop"
        elif re.match(r"\s*(?:本届|大会|共|累计)", clause) or subset_open and not re.search(
                r"投资|占比", clause):
            subset_open = None
        for pattern, kind, _ in _CN_RULES:
            for m in re.finditer(pattern, clause):
                words = re.findall(r"超过|逾|大约|约|将近|接近|近|至少|不少于", m.group("q") or "")
                qualifier = _CN_QUAL.get(words[-1], "exact") if words else "exact"
                if m.groupdict().get("more"):
                    qualifier = "more_than"
                value = float(m.group("n").replace(",", ""))
                metric = kind
                if kind == "investment":
                    value *= 1000 if m.group("scale") == "万亿" else 0.1
                    metric = "investment_signed_usd_reported" if m.group("cur") == "美元" else "investment_signed"
                    if "到位" in clause:
                        metric = "funds_in_place" if m.group("cur") == "元" else None
                elif kind == "area":
                    value *= 10000 if m.group("wan") else 1
                    where = m.group("where") or ""
                    metric = ("exhibition_area_hall" if where in ("室内", "展馆") else
                              "exhibition_area_outdoor" if where in ("室外", "户外") else "exhibition_area")
                if metric is None:
                    continue
                value = _round(value)
                if is_claim:
                    if metric in CLAIM_METRICS:
                        y0, y1, conf = _claim_range(s, year, result.stage)
                        result.claims.append(Claim(metric, value, UNITS[metric], qualifier, y0, y1, s,
                                                   sent.start, sent.end, round(0.8 * conf, 2)))
                    continue
                if metric in ("projects_signed", "investment_signed", "investment_signed_usd_reported") and subset_open:
                    if subset_open == "drop" or metric == "investment_signed_usd_reported":
                        continue
                    dimension, category = subset_open
                    item = next((b for b in result.breakdowns if b.start == sent.start and b.category == category), None)
                    if item is None:
                        item = Breakdown(year, dimension, category, None, None, None, None, s, sent.start,
                                         sent.end, 0.75)
                        result.breakdowns.append(item)
                    if metric == "projects_signed":
                        item.projects, item.projects_qualifier = int(value), qualifier
                    else:
                        item.investment_cny_bn, item.investment_qualifier = value, qualifier
                    continue
                scope = SCOPES.get(metric, "whole convention")
                conf = 0.85
                if expected:
                    scope, conf = EXPECTED_SCOPE, 0.5
                result.facts.append(Fact(metric, value, UNITS[metric], qualifier, year, scope, s, sent.start,
                                         sent.end, conf))
