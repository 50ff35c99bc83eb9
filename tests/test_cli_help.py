"""Every option of every `python -m loaders` subcommand says what it is for (issue #23, N36)."""
import argparse

from loaders.__main__ import _parser


def _subparsers() -> dict[str, argparse.ArgumentParser]:
    action = next(a for a in _parser()._actions if isinstance(a, argparse._SubParsersAction))
    return dict(action.choices)


def test_every_option_of_every_subcommand_has_a_help_line():
    missing = [f"{name} {'/'.join(a.option_strings) or a.dest}" for name, sub in _subparsers().items()
               for a in sub._actions if not isinstance(a, argparse._HelpAction) and not (a.help or "").strip()]
    assert missing == []


def test_synth_help_gives_the_default_seed_and_the_file_types():
    text = _subparsers()["synth"].format_help()
    assert "default 0" in text and ".parquet" in text and ".csv" in text


def test_add_help_says_what_a_register_file_looks_like():
    text = " ".join(_subparsers()["add"].format_help().split())
    assert "register" in text and "project_id" in text and "investment_cny_bn" in text
