"""The edition brief: one A4 page for managers, in the reader's language, printed to PDF server-side.

As BI servers make their reports (Superset renders dashboards in a headless browser), a dedicated
brief page is written as HTML (every data value escaped) and Debian's chromium prints it
(`--print-to-pdf`). Charts are the dashboard's own plotly figures, drawn by the plotly.js that ships
with the plotly package, read from disk: the page fetches nothing.

Bounded: one brief at a time per session (a lock kept in the session), at most two chromium
processes for the whole server (two cores), a time limit, and a plain message when the renderer
is missing. The file is made only when the button is clicked (deferred download).
"""
from __future__ import annotations

import html
import os
import re
import signal
import subprocess
import tempfile
import threading
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import datetime, timezone
from functools import lru_cache
from pathlib import Path

import plotly
import plotly.graph_objects as go
import plotly.io

import config
from ui.safe_text import from_markdown, plain

PLOTLY_JS = Path(plotly.__file__).resolve().parent / "package_data" / "plotly.min.js"
_SERVER_SLOTS = threading.BoundedSemaphore(2)
# Briefs being made at once on this server, printing or waiting to print (their data gathered
# first). Streamlit runs every deferred download in asyncio's default executor (a handful of threads
# on a small machine), so briefs past this number are refused at once with the busy message instead
# of holding threads a CSV or XLSX download of another user needs.
MAX_BRIEFS_IN_FLIGHT = 3
_IN_FLIGHT = threading.BoundedSemaphore(MAX_BRIEFS_IN_FLIGHT)
MAX_CLAIMS = 3  # rows of cumulative claims that fit on the page beside everything else


class BriefError(RuntimeError):
    """A brief could not be made; the message says why, in the reader's language."""


@dataclass
class BriefData:
    """Everything the page shows, gathered during the script run (a deferred download runs outside it)."""
    lang: str
    title: str
    facts: dict[str, str]
    cards: list  # ui.kpis.KpiCard
    charts: list[go.Figure]
    organizers: str
    guests: str
    claims: list[dict]  # editions, metric, claimed, sum_of_editions, coverage, flag
    claims_more: int
    sources: list[tuple[str, str]]  # (publisher, published) behind the figures shown
    data_version: str
    words: dict[str, str] = field(default_factory=dict)  # headings and labels from the catalogue
    status: str | None = None  # "Preliminary: results not yet reported" for an edition with only expected figures
    followthrough: str = ""  # one line on what became of the edition's signed projects, when a report covers it


def renderer_missing() -> str | None:
    """The renderer's path when it is missing or not executable, else None."""
    path = config.CHROMIUM
    return None if path.is_file() and os.access(path, os.X_OK) else str(path)


# ---------------------------------------------------------------- the page

def _e(value) -> str:
    return html.escape(plain(value))  # (plain: no direction-changing character reverses a name in print)


PRINT_PLOT_HEIGHT_PX = 105  # the plot itself; notes under the title add their own lines above it
PRINT_TOP_PX = 40  # the title alone


@lru_cache(maxsize=1)
def _white_template() -> dict:
    return plotly.io.templates["plotly_white"].to_plotly_json()


def _merge(into: dict, changes: dict) -> dict:
    """plotly's update semantics on plain dicts: nested dicts merge, anything else replaces."""
    for key, value in changes.items():
        if isinstance(value, dict) and isinstance(into.get(key), dict):
            _merge(into[key], value)
        else:
            into[key] = value
    return into


def _chart_div(fig: go.Figure, div_id: str) -> str:
    # The printed figure is made as plain dicts: a copied go.Figure and a template assigned by name were validated
    # and deep-copied property by property, 39 ms a chart against 1.4 ms, with the same figure JSON in the page.
    printed = fig.to_plotly_json()  # a copy, as plain dicts
    layout = printed.setdefault("layout", {})
    subtitle = fig.layout.title.subtitle.text if fig.layout.title and fig.layout.title.subtitle else None
    # Notes under the title keep the lines the figure gave them (notes_layout), so they never run
    # into the bars; the bar labels are set small enough that neighbours do not touch at this width.
    notes = 12 * (subtitle.count("<br>") + 1) + 4 if subtitle else 0  # the legend is not printed
    _merge(layout, dict(width=340, height=PRINT_PLOT_HEIGHT_PX + PRINT_TOP_PX + notes,
                        margin=dict(l=8, r=8, t=PRINT_TOP_PX + notes, b=8),
                        font=dict(family="Noto Sans CJK SC, Noto Sans, sans-serif", size=10),
                        title=dict(font=dict(size=12), y=0.97, yanchor="top", subtitle=dict(font=dict(size=9))),
                        showlegend=False, paper_bgcolor="white"))
    layout["template"] = _white_template()
    for trace in printed.get("data", []):
        _merge(trace, dict(textfont=dict(size=8)))
    layout.setdefault("yaxis", {})
    for key in [k for k in layout if re.fullmatch(r"yaxis\d*", k)]:
        _merge(layout[key], dict(title=dict(font=dict(size=9))))
    return plotly.io.to_html(printed, validate=False, full_html=False, include_plotlyjs=False, div_id=div_id,
                             config={"staticPlot": True, "displayModeBar": False})


STYLE = """
@page { size: A4; margin: 6mm 12mm; }
* { box-sizing: border-box; }
body { font-family: "Noto Sans CJK SC", "Noto Sans", "DejaVu Sans", sans-serif; font-size: 9pt; color: #1b1f24;
       margin: 0; }
h1 { font-size: 16pt; margin: 0 0 2mm; }
h2 { font-size: 10.5pt; margin: 2mm 0 1mm; border-bottom: 0.3mm solid #c8ccd2; padding-bottom: 0.8mm; }
.facts { display: grid; grid-template-columns: auto 1fr; gap: 0.6mm 3mm; }
.facts dt { font-weight: 700; } .facts dd { margin: 0; }
.kpis { display: grid; grid-template-columns: repeat(3, 1fr); gap: 2mm; }
.kpi { border: 0.3mm solid #c8ccd2; border-radius: 1.5mm; padding: 1.3mm 2.2mm; }
.kpi .label { color: #555; font-size: 8.5pt; } .kpi .value { font-size: 12.5pt; font-weight: 700; }
.kpi .delta { font-size: 7.5pt; color: #333; line-height: 1.25; }
.charts { display: flex; gap: 3mm; justify-content: space-between; }
table { border-collapse: collapse; width: 100%; font-size: 7.5pt; }
th, td { text-align: left; padding: 0.5mm 1.2mm; border-bottom: 0.2mm solid #e1e4e8; vertical-align: top; }
th { background: #f3f4f6; }
td:nth-child(1), td:nth-child(3) { white-space: nowrap; }
td:nth-child(6) { width: 42%; }
p.names { font-size: 7.5pt; margin: 0 0 1mm; }
footer { margin-top: 2mm; font-size: 7.5pt; color: #555; border-top: 0.3mm solid #c8ccd2; padding-top: 1.2mm; }
"""


def brief_html(data: BriefData) -> str:
    """The brief as one self-contained HTML page (plotly.js from the local package)."""
    w = data.words
    facts = "".join(f"<dt>{_e(k)}</dt><dd>{_e(v)}</dd>" for k, v in data.facts.items())
    cards = "".join(
        f'<div class="kpi"><div class="label">{_e(c.label)}</div><div class="value">{_e(c.value)}</div>'
        f'<div class="delta">{_e(from_markdown(c.delta or c.comparison or c.missing or w["no_change"]))}</div></div>' for c in data.cards)
    charts = "".join(_chart_div(fig, f"chart{i}") for i, fig in enumerate(data.charts))
    head = "".join(f"<th>{_e(w[k])}</th>" for k in ("editions", "metric", "claimed", "sum", "coverage", "check"))
    rows = "".join("<tr>" + "".join(f"<td>{_e(row[k])}</td>" for k in
                                    ("editions", "metric", "claimed", "sum_of_editions", "coverage", "flag")) + "</tr>"
                   for row in data.claims)
    more = f'<p>{_e(w["claims_more"])}</p>' if data.claims_more else ""
    if not data.claims:
        rows = f'<tr><td colspan="6">{_e(w["no_claims"])}</td></tr>'
    sources = w["list_joiner"].join(f"{p} ({d})" if d else p for p, d in data.sources)
    followthrough = (f'<p class="names"><b>{_e(w.get("followthrough", ""))}{_e(w["colon"])}</b>'
                     f'{_e(data.followthrough)}</p>') if data.followthrough else ""
    return f"""<!doctype html>
<html lang="{'zh-CN' if data.lang == 'zh' else 'en'}"><head><meta charset="utf-8"><title>{_e(data.title)}</title>
<style>{STYLE}</style><script src="{PLOTLY_JS.as_uri()}"></script></head>
<body>
<h1>{_e(data.title)}</h1>{f'<p class="status">{_e(data.status)}</p>' if data.status else ""}
<dl class="facts">{facts}</dl>
<h2>{_e(w["kpis"])}</h2><div class="kpis">{cards}</div>
<h2>{_e(w["charts"])}</h2><div class="charts">{charts}</div>
<h2>{_e(w["organizers"])}</h2><p class="names">{_e(data.organizers)}</p>
<p class="names"><b>{_e(w["guests"])}{_e(w["colon"])}</b>{_e(data.guests)}</p>
<h2>{_e(w["claims"])}</h2><table><thead><tr>{head}</tr></thead><tbody>{rows}</tbody></table>{more}
{followthrough}
<footer>{_e(w["sources"])}{_e(w["colon"])}{_e(sources)}<br>{_e(w["version"])}{_e(w["colon"])}{_e(data.data_version)} ·
{_e(w["generated"])}{_e(w["colon"])}{_e(datetime.now(timezone.utc).strftime("%Y-%m-%d %H:%M UTC"))}</footer>
</body></html>"""


# ---------------------------------------------------------------- printing

def renderer_env(folder: Path) -> dict[str, str]:
    """chromium's whole environment: none of the server's (its admin password, its database path), and a home,
    config and cache inside the brief's temp folder, removed with it (chromium writes crash-report settings and
    dconf's cache under the home it is given)."""
    home = folder / "home"
    env = {"HOME": str(home), "XDG_CONFIG_HOME": str(home / ".config"), "XDG_CACHE_HOME": str(home / ".cache"),
           "XDG_DATA_HOME": str(home / ".local" / "share"), "XDG_RUNTIME_DIR": str(home / "run"),
           "TMPDIR": str(folder), "PATH": "/usr/local/bin:/usr/bin:/bin", "LANG": "C.UTF-8"}
    for path in (home / ".config", home / ".cache", home / ".local" / "share", home / "run"):
        path.mkdir(parents=True, exist_ok=True, mode=0o700)
    return env


def print_pdf(page: str, messages: dict[str, str], timeout_s: float | None = None) -> bytes:
    """`page` (HTML) printed to PDF by chromium, within `timeout_s`; BriefError with a message from
    `messages` (missing, busy, timeout, failed) otherwise."""
    if renderer_missing():
        raise BriefError(messages["missing"])
    if not _SERVER_SLOTS.acquire(timeout=5):
        raise BriefError(messages["busy"])
    try:
        with tempfile.TemporaryDirectory(prefix="wmc-brief-") as folder:
            source, target = Path(folder) / "brief.html", Path(folder) / "brief.pdf"
            source.write_text(page, encoding="utf-8")
            command = [str(config.CHROMIUM), *config.CHROMIUM_ARGS, "--no-pdf-header-footer",
                       f"--user-data-dir={Path(folder) / 'profile'}", "--virtual-time-budget=1500",
                       "--disable-crash-reporter", "--disable-breakpad",
                       "--allow-file-access-from-files", f"--print-to-pdf={target}", source.as_uri()]
            # Its own process group, so a time-out ends chromium and every helper process it started.
            process = subprocess.Popen(command, stdin=subprocess.DEVNULL, stdout=subprocess.DEVNULL,
                                       stderr=subprocess.DEVNULL, start_new_session=True,
                                       env=renderer_env(Path(folder)))
            try:
                process.wait(timeout=timeout_s or config.BRIEF_TIMEOUT_S)
            except subprocess.TimeoutExpired as exc:
                os.killpg(process.pid, signal.SIGKILL)
                process.wait()
                raise BriefError(messages["timeout"]) from exc
            if not target.is_file() or target.stat().st_size == 0:
                raise BriefError(messages["failed"])
            return target.read_bytes()
    finally:
        _SERVER_SLOTS.release()


@contextmanager
def admitted(messages: dict[str, str]):
    """A place among the briefs being made on this server, or BriefError(busy) at once."""
    if not _IN_FLIGHT.acquire(blocking=False):
        raise BriefError(messages["busy"])
    try:
        yield
    finally:
        _IN_FLIGHT.release()


def make(data: BriefData, lock: threading.Lock, messages: dict[str, str]) -> bytes:
    """The PDF, one at a time per session (`lock` lives in the session)."""
    if not lock.acquire(blocking=False):
        raise BriefError(messages["busy"])
    try:
        return print_pdf(brief_html(data), messages)
    finally:
        lock.release()
