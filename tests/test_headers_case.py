"""English table headers are in sentence case ("Edition", "Investment (bn CNY)", "+ Expected"): the grids,
their printable twins, the short Markdown tables and the register's CSV header. The headers are found
three ways: the catalogue's header keys, the keys the code passes as column_config labels, and what the
pages show."""
import ast
import re
from pathlib import Path

import pytest

from apptest_texts import header_labels
from ui.i18n import en
from ui.register import CSV_HEADERS

ROOT = Path(__file__).resolve().parents[1]
HEADER_KEY = re.compile(r"^col\.|\.col_|^register\.csv_")  # the catalogue's naming of a column header


def sentence_case(label: str) -> bool:
    """The first letter is a capital ('+ Expected' and '(…)' count from the letter)."""
    first = next((c for c in label if c.isalpha()), "")
    return first.isupper()


def test_every_english_header_key_is_sentence_case():
    keys = [k for k in en.STRINGS if HEADER_KEY.search(k)]
    assert len(keys) > 50
    assert [(k, en.STRINGS[k]) for k in keys if not sentence_case(en.STRINGS[k])] == []


def test_the_register_csv_header_is_sentence_case():
    assert [k for k in CSV_HEADERS.values() if not sentence_case(en.STRINGS[k])] == []


# ---- the keys the code gives a column as its label, read from the column_config calls themselves
def _catalogue_keys(node: ast.AST) -> set[str]:
    """The catalogue keys of every t(key, ...) / text(lang, key, ...) call in `node`; an f-string key
    (t(f"col.{c}")) stands for every key it can match."""
    keys = set()
    for call in ast.walk(node):
        if not (isinstance(call, ast.Call) and isinstance(call.func, ast.Name) and call.func.id in ("t", "text")):
            continue
        position = 0 if call.func.id == "t" else 1
        if len(call.args) <= position:
            continue
        key = call.args[position]
        if isinstance(key, ast.Constant) and isinstance(key.value, str):
            keys.add(key.value)
        elif isinstance(key, ast.JoinedStr):
            pattern = "".join(re.escape(part.value) if isinstance(part, ast.Constant) else ".+" for part in key.values)
            keys |= {k for k in en.STRINGS if re.fullmatch(pattern, k)}
    return keys


def _is_column_type(func: ast.AST, aliases: set[str]) -> bool:
    """st.column_config.NumberColumn, or a name bound to one (number = st.column_config.NumberColumn)."""
    if isinstance(func, ast.Attribute):
        return isinstance(func.value, ast.Attribute) and func.value.attr == "column_config"
    return isinstance(func, ast.Name) and func.id in aliases


def column_label_keys(tree: ast.AST) -> set[str]:
    """Keys used as column labels in one module: the label of every st.column_config.*Column(...), and the
    plain-text values of every dict given as column_config= (directly or through a name). A label taken
    from a named dict (shown["note"]) or made by a named lambda (column("check")) counts that dict's or
    lambda's keys."""
    aliases, configs, named = set(), [], {}
    for node in ast.walk(tree):
        if isinstance(node, ast.Assign) and len(node.targets) == 1 and isinstance(node.targets[0], ast.Name):
            name, value = node.targets[0].id, node.value
            if _is_column_type(value, set()):  # number = st.column_config.NumberColumn
                aliases.add(name)
            if isinstance(value, (ast.Dict, ast.DictComp, ast.Lambda)):
                named[name] = value
        if isinstance(node, ast.keyword) and node.arg == "column_config":
            configs.append(node.value)

    def label_keys(expr: ast.AST) -> set[str]:
        keys = _catalogue_keys(expr)
        for node in ast.walk(expr):
            if isinstance(node, ast.Subscript) and isinstance(node.value, ast.Name) and node.value.id in named:
                keys |= _catalogue_keys(named[node.value.id])
            if isinstance(node, ast.Call) and isinstance(node.func, ast.Name) and \
                    isinstance(named.get(node.func.id), ast.Lambda):
                keys |= _catalogue_keys(named[node.func.id].body)
        return keys

    keys = set()
    for node in ast.walk(tree):
        if isinstance(node, ast.Call) and _is_column_type(node.func, aliases):
            label = node.args[0] if node.args else next((k.value for k in node.keywords if k.arg == "label"), None)
            if label is not None:
                keys |= label_keys(label)
    pending, seen = list(configs), set()
    while pending:
        config = pending.pop()
        if isinstance(config, ast.Name) and config.id in named and config.id not in seen:
            seen.add(config.id)
            config = named[config.id]
        if isinstance(config, ast.Dict):
            for key, value in zip(config.keys, config.values):
                if key is None:  # **other: another dict of labels
                    pending.append(value)
                elif not isinstance(value, ast.Call) or not _is_column_type(value.func, aliases):
                    keys |= label_keys(value)
        elif isinstance(config, ast.DictComp):
            keys |= label_keys(config.value)
    return keys


def _code_label_keys() -> dict[str, set[str]]:
    files = sorted((ROOT / "ui").rglob("*.py")) + sorted((ROOT / "pages").glob("*.py"))
    return {str(f.relative_to(ROOT)): column_label_keys(ast.parse(f.read_text(encoding="utf-8"))) for f in files}


def test_every_column_label_the_code_gives_is_sentence_case_in_english():
    found = _code_label_keys()
    keys = set().union(*found.values())
    assert len(keys) > 60 and {"ui/tables.py", "pages/sources.py", "pages/explorer.py", "ui/followthrough.py",
                                 "ui/load_history.py"} <= {f for f, k in found.items() if k}
    wrong = {f: sorted((k, en.STRINGS[k]) for k in ks if not sentence_case(en.STRINGS[k])) for f, ks in found.items()}
    assert {f: w for f, w in wrong.items() if w} == {}


# ---- what the pages show, the "figures behind" grids opened
PAGES = {"pages/overview.py": ["behind_overview"], "pages/sources.py": [],
         "pages/explorer.py": [], "pages/organizers.py": [],
         "pages/projects.py": ["behind_projects_series", "behind_projects_average", "behind_projects_growth"],
         "pages/exhibition.py": ["behind_exhibition_area", "behind_exhibition_people"]}


@pytest.mark.parametrize("page", PAGES)
def test_every_english_header_a_page_shows_is_sentence_case(open_app, page):
    at = open_app(page, cur="USD")
    for expander in PAGES[page]:
        at.session_state[expander] = True
    at.run()
    assert not at.exception
    labels = header_labels(at)
    assert labels and [h for h in labels if not sentence_case(h)] == [], page
