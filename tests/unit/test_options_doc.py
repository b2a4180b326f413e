"""docs/providers.md lists every option exactly as the provider specs declare it (written, never hand-kept)."""

from tests.support.options_doc import DOC, render


def test_the_options_table_matches_the_specs():
    text = DOC.read_text(encoding="utf-8")
    assert render(text) == text, "docs/providers.md is out of date: run python -m tests.support.options_doc --write"
