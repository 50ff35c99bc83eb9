"""Turn-3 attacks where one user could stall or fool the others (I11, I4, I1, I3, I8, I12, #33, W5, W11), bounded.

Each test is one attack of the reliability findings at a size that proves the point within seconds; each adds its
row to the attack table printed at the end of the run (tests/hostile/conftest.py).
"""
from __future__ import annotations

import asyncio
import io
import json
import random
import subprocess
import sys
import time
import urllib.request
import zipfile
from pathlib import Path

import pytest

from loaders.__main__ import main

ROOT = Path(__file__).resolve().parents[2]
sys.path.insert(0, str(ROOT / "tests" / "e2e"))
from e2e_helpers import StreamlitServer  # noqa: E402
from run_apart import run_apart  # noqa: E402

NS = 'xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'
REL = "http://schemas.openxmlformats.org/officeDocument/2006/relationships"
SOURCE = ["--source-url", "https://example.org/t3", "--publisher", "T3"]
PASSWORD = "S3cret-pass-42"


def _workbook(sheet: str, shared: str | None = None, level: int = 6) -> bytes:
    """The smallest .xlsx the findings used: one sheet, its XML as given."""
    out = io.BytesIO()
    with zipfile.ZipFile(out, "w", zipfile.ZIP_DEFLATED, compresslevel=level) as z:
        z.writestr("[Content_Types].xml", '<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types">'
                   '<Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" '
                   'ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/>'
                   '<Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-'
                   'officedocument.spreadsheetml.worksheet+xml"/></Types>')
        z.writestr("_rels/.rels", f'<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">'
                   f'<Relationship Id="rId1" Type="{REL}/officeDocument" Target="xl/workbook.xml"/></Relationships>')
        z.writestr("xl/workbook.xml", f'<workbook {NS} xmlns:r="{REL}"><sheets><sheet name="S" sheetId="1" '
                   'r:id="rId1"/></sheets></workbook>')
        strings = "" if shared is None else \
            f'<Relationship Id="rId2" Type="{REL}/sharedStrings" Target="sharedStrings.xml"/>'
        z.writestr("xl/_rels/workbook.xml.rels", '<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/'
                   f'relationships"><Relationship Id="rId1" Type="{REL}/worksheet" Target="worksheets/sheet1.xml"/>'
                   f'{strings}</Relationships>')
        z.writestr("xl/worksheets/sheet1.xml", sheet)
        if shared is not None:
            z.writestr("xl/sharedStrings.xml", shared)
    return out.getvalue()


def _refused(db: Path, path: Path, capsys, *extra: str) -> tuple[int, str, float]:
    before, started = db.read_bytes(), time.monotonic()
    code = main(["add", str(path), "--db", str(db), *SOURCE, *extra])
    elapsed = time.monotonic() - started
    assert db.read_bytes() == before
    return code, capsys.readouterr().err, elapsed


def test_i11_every_hostile_shape_of_64_kb_is_read_in_bounded_time(attack_table):
    """64 KB of each shape (8 KB of the first took 24 s before), in a child process stopped at 120 s."""
    script = ("import json, time; from scripts.bench_extract import SHAPES, _time\n"
              "print(json.dumps({s: _time(f(64 * 1024)) for s, f in SHAPES.items() if s != 'real_releases'}))")
    run = subprocess.run([sys.executable, "-c", script], cwd=ROOT, capture_output=True, text=True, timeout=120)
    times = json.loads(run.stdout)
    attack_table.append(("I11 regex stall, 64 KB per shape", f"{len(times)} shapes",
                         f"slowest {max(times.values()):.1f} s (child stopped at 120 s)"))
    assert len(times) >= 9 and max(times.values()) < 60


def test_i4_a_workbook_a_million_cells_wide_is_refused_before_it_is_read(db_copy, tmp_path, capsys, attack_table):
    rnd = random.Random(3)
    cells = "".join(f"<c><v>{rnd.randint(0, 9)}</v></c>" for _ in range(10 ** 6))
    path = tmp_path / "wide.xlsx"
    path.write_bytes(_workbook(f"<worksheet {NS}><sheetData><row>{cells}</row><row>{cells}</row><row>{cells}"
                               "</row></sheetData></worksheet>"))
    code, err, elapsed = _refused(db_copy, path, capsys)
    attack_table.append(("I4 xlsx 3 rows x 10^6 cells", f"{path.stat().st_size // 1000} KB", f"exit {code} in "
                         f"{elapsed:.1f} s"))
    assert code == 2 and "more than 16,384 cells" in err and str(path) in err


@pytest.mark.parametrize("attack, sheet", [
    ("xxe", f'<?xml version="1.0"?><!DOCTYPE w [<!ENTITY xxe SYSTEM "file:///etc/hostname">]><worksheet {NS}>'
            '<sheetData><row><c t="inlineStr"><is><t>year &xxe;</t></is></c></row></sheetData></worksheet>'),
    ("billion laughs", '<?xml version="1.0"?><!DOCTYPE w [<!ENTITY a "aaaaaaaaaa"><!ENTITY b "&a;&a;&a;&a;&a;&a;&a;'
                       f'&a;&a;&a;">]><worksheet {NS}><sheetData><row><c t="inlineStr"><is><t>&b;</t></is></c></row>'
                       '</sheetData></worksheet>'),
    ("malformed xml", f"<worksheet {NS}><sheetData><row><c><v>1</v></row></sheetData>"),
])
def test_i1_hostile_workbook_xml_is_bad_input_not_an_internal_error(db_copy, tmp_path, capsys, attack_table, attack,
                                                                    sheet):
    path = tmp_path / "hostile.xlsx"
    path.write_bytes(_workbook(sheet))
    code, err, _ = _refused(db_copy, path, capsys)
    attack_table.append((f"I1 xlsx {attack}", "1 file", f"exit {code}"))
    assert code == 2 and str(path) in err and "internal error" not in err


def test_i3_shared_strings_past_the_cap_are_refused_before_openpyxl_holds_them(db_copy, tmp_path, capsys,
                                                                               attack_table):
    rnd = random.Random(4)
    strings = "".join(f"<si><t>{''.join(rnd.choice('ab') for _ in range(8))}{'x' * 40}</t></si>"
                      for _ in range(1_400_000))
    path = tmp_path / "strings.xlsx"
    sheet = (f'<worksheet {NS}><sheetData><row><c t="inlineStr"><is><t>year</t></is></c></row><row><c t="s"><v>0</v>'
             '</c></row></sheetData></worksheet>')
    path.write_bytes(_workbook(sheet, f"<sst {NS}>{strings}</sst>", level=1))
    code, err, elapsed = _refused(db_copy, path, capsys)
    attack_table.append(("I3 xlsx 80 MB of shared strings", f"{path.stat().st_size // 1_000_000} MB file",
                         f"exit {code} in {elapsed:.1f} s"))
    assert code == 2 and "shared strings" in err


def test_i8_a_json_number_of_5000_digits_is_bad_input(db_copy, tmp_path, capsys, attack_table):
    path = tmp_path / "big.json"
    path.write_text('[{"convention":"WMC","year":2025,"metric":"projects_signed","value":' + "9" * 5000 +
                    ',"unit":"projects","qualifier":"exact","scope":"b"}]')
    code, err, _ = _refused(db_copy, path, capsys)
    attack_table.append(("I8 json 5,000-digit number", "1 file", f"exit {code}"))
    assert code == 2 and str(path) in err and "internal error" not in err


@pytest.mark.parametrize("attack, body, extra", [
    ("I12 bidi override in a scope", "WMC,2025,projects_signed,5,projects,exact,\u202eevil\u202c\u200bx", []),
    ("#33 javascript: source url", "WMC,2025,projects_signed,5,projects,exact,x", []),
])
def test_text_that_would_fool_a_reader_is_refused_at_load(db_copy, tmp_path, capsys, attack_table, attack, body,
                                                          extra):
    path = tmp_path / "fool.csv"
    path.write_text("convention,year,metric,value,unit,qualifier,scope\n" + body + "\n", encoding="utf-8")
    url = "javascript:alert(document.domain)" if attack.startswith("#33") else "https://example.org/t3"
    before = db_copy.read_bytes()
    code = main(["add", str(path), "--db", str(db_copy), "--source-url", url, "--publisher", "T3", *extra])
    err = capsys.readouterr().err
    attack_table.append((attack, "1 file", f"exit {code}"))
    assert code == 2 and "row 2" in err and db_copy.read_bytes() == before


# ---------------------------------------------------------------- against a served app

async def _guess(url: str, guess: str, headers: dict) -> str:
    """One password try in a fresh websocket session, as the findings' brute force did: what the page said."""
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from streamlit.proto.ForwardMsg_pb2 import ForwardMsg
    from websockets.asyncio.client import connect

    async def run(ws, widgets=()):
        message = BackMsg()
        message.rerun_script.page_name = "add_data"
        for widget_id, field, value in widgets:
            widget = message.rerun_script.widget_states.widgets.add()
            widget.id = widget_id
            setattr(widget, field, value)
        await ws.send(message.SerializeToString())
        elements = []
        while True:
            forward = ForwardMsg()
            forward.ParseFromString(await asyncio.wait_for(ws.recv(), 120))
            if forward.WhichOneof("type") == "delta" and forward.delta.WhichOneof("type") == "new_element":
                element = forward.delta.new_element
                kind = element.WhichOneof("type")
                elements.append((kind, getattr(element, kind)))
            if forward.WhichOneof("type") == "script_finished" and \
                    forward.script_finished != ForwardMsg.FINISHED_EARLY_FOR_RERUN:
                return elements

    async with connect(url.replace("http", "ws") + "/_stcore/stream", subprotocols=["streamlit"],
                       additional_headers=headers) as ws:
        elements = await run(ws)
        password = next(x.id for k, x in elements if k == "text_input")
        button = next(x.id for k, x in elements if k == "button" and x.is_form_submitter)
        elements = await run(ws, [(password, "string_value", guess), (button, "trigger_value", True)])
        alerts = [x.body for k, x in elements if k == "alert"]
        return alerts[0] if alerts else "unlocked"


@pytest.fixture(scope="module")
def two_replicas(tmp_path_factory, fixture_db):
    """Two app servers on one database file (as scripts/replicas.py runs them), with an admin password."""
    import shutil

    folder = tmp_path_factory.mktemp("replicas")
    db = folder / "wmc.duckdb"
    shutil.copyfile(fixture_db, db)
    servers = [StreamlitServer(db, folder, name=f"r{n}", env={"WMC_ADMIN_PASSWORD": PASSWORD}) for n in (1, 2)]
    try:
        for server in servers:
            server.start()
        yield servers
    finally:
        for server in servers:
            server.stop()


@pytest.mark.replicas  # two app servers (no nginx): left out of make test-fast, run by make test
@pytest.mark.parametrize("layout", ["one server, loopback", "random X-Forwarded-For", "two replicas, alternating"])
def test_w5_fresh_sessions_get_at_most_five_wrong_guesses_a_minute(two_replicas, attack_table, layout):
    tries = 9
    said = []
    two_replicas[0].db.with_name(two_replicas[0].db.name + ".logins.sqlite3").unlink(missing_ok=True)  # a fresh count
    for n in range(tries):
        server = two_replicas[n % 2] if layout.startswith("two") else two_replicas[0]
        headers = {"X-Forwarded-For": f"10.0.{n}.{n + 1}"} if "Forwarded" in layout else {}
        said.append(run_apart(_guess(server.url, f"guess{n}", headers)))
    said.append(run_apart(_guess(two_replicas[0].url, PASSWORD, {})))
    evaluated = said.count("Wrong password.")
    attack_table.append((f"W5 brute force, {layout}", f"{tries} + the right one",
                         f"{evaluated} evaluated, {sum(s.startswith('Too many') for s in said)} refused"))
    # The guarantee is the count: at most five evaluated, the rest refused. Whether the right password at the end
    # is still refused depends on how long the nine guesses took against the back-off (1 s after one failure):
    # CI's serial run once sent it after the back-off had passed, and it was rightly let in.
    assert evaluated <= 5 and any(s.startswith("Too many") for s in said[:tries]), said


@pytest.mark.replicas
def test_w11_a_websocket_message_over_a_megabyte_is_refused(two_replicas, attack_table):
    from streamlit.proto.BackMsg_pb2 import BackMsg
    from websockets.asyncio.client import connect
    from websockets.exceptions import ConnectionClosed

    async def send_big() -> str:
        message = BackMsg()
        message.rerun_script.query_string = "x" * (2 * 1024 * 1024)
        async with connect(two_replicas[0].url.replace("http", "ws") + "/_stcore/stream", subprotocols=["streamlit"],
                           max_size=None) as ws:
            await ws.send(message.SerializeToString())
            try:
                while True:
                    await asyncio.wait_for(ws.recv(), 30)
            except ConnectionClosed as closed:
                return f"closed ({closed.rcvd.code if closed.rcvd else 'no code'})"
            except asyncio.TimeoutError:
                return "still open"

    outcome = run_apart(send_big())
    attack_table.append(("W11 2 MB websocket message", "1 message", outcome))
    assert outcome.startswith("closed")
    with urllib.request.urlopen(two_replicas[0].url + "/_stcore/health", timeout=10) as response:
        assert response.status == 200  # the server is still serving
