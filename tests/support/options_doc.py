"""The options table of docs/providers.md, written from the provider specs (run with `--write` to update it)."""

from __future__ import annotations

import sys
from pathlib import Path

from assetdrop.core.providers.registry import SPECS

DOC = Path(__file__).resolve().parents[2] / "docs" / "providers.md"
BEGIN, END = "<!-- options:begin -->", "<!-- options:end -->"


def table() -> str:
    rows = [
        "| Provider | Option | Flag | Type | Default | For | Meaning |",
        "|---|---|---|---|---|---|---|",
    ]
    for spec in SPECS:
        for option in spec.options:
            flag = "keyring" if option.secret else ", ".join(dict.fromkeys([option.flag, *option.aliases]))
            kind = "|".join(c.value for c in option.choices) if option.choices else option.type.__name__
            default = "" if option.default is None else f"`{option.default}`"
            rows.append(
                f"| {spec.label} | `{option.name}` | {flag} | {kind.replace('|', ' or ')} | {default} | "
                f"{option.applies.value} | {option.help} |"
            )
    return "\n".join(rows)


def render(text: str) -> str:
    start, end = text.index(BEGIN) + len(BEGIN), text.index(END)
    return text[:start] + "\n" + table() + "\n" + text[end:]


if __name__ == "__main__":
    if sys.argv[1:] == ["--write"]:
        DOC.write_text(render(DOC.read_text(encoding="utf-8")), encoding="utf-8")
    else:
        print(table())
