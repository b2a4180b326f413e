"""The command line's provider flags, derived from the provider specs (core/providers/spec.py), as rclone derives
its backend flags: each non-secret option is a `--<name>` flag on the commands it applies to, and the flags given
become the run's endpoint options, over the profile's.

Options that several providers share (`--ca-bundle`, `--path-download`) are one flag; a flag the chosen
provider does not have is refused in words.
"""

from __future__ import annotations

import argparse
from typing import Any

from .core import errors
from .core.providers.option_error import OptionError
from .core.providers.registry import SPECS, spec_for
from .core.providers.spec import Applies, Option

GROUP_TITLE = "provider options (see docs/providers.md; the profile's values are the defaults)"


def _options(applies: Applies) -> dict[str, list[tuple[str, Option]]]:
    """Option name -> (kind, option) for every provider that has it, in declaration order."""
    found: dict[str, list[tuple[str, Option]]] = {}
    for spec in SPECS:
        for option in spec.settings:
            if option.applies is applies:
                found.setdefault(option.name, []).append((spec.label, option))
    return found


def add_provider_flags(parser: argparse.ArgumentParser, applies: Applies) -> None:
    group = parser.add_argument_group(GROUP_TITLE)
    for name, owners in _options(applies).items():
        option = owners[0][1]
        labels = ", ".join(label for label, _ in owners)
        flags = [option.flag, *[alias for alias in option.aliases if alias != option.flag]]
        kwargs: dict[str, Any] = {"dest": f"opt_{name}", "default": None, "help": f"{labels}: {option.help}"}
        if option.type is bool:
            kwargs["action"] = argparse.BooleanOptionalAction
        else:
            kwargs["metavar"] = _metavar(option)
        group.add_argument(*flags, **kwargs)
        if option.negative is not None:  # --no-proxy: the same option, set to its "off" value
            off = "--no-" + name.replace("_", "-")
            help_text = f"the same as {option.flag} {option.negative}"
            group.add_argument(off, dest=f"opt_{name}", action="store_const", const=option.negative, help=help_text)


def given_options(args: argparse.Namespace) -> dict[str, object]:
    """The provider flags this run was given: option name -> raw value."""
    return {key[4:]: value for key, value in vars(args).items() if key.startswith("opt_") and value is not None}


def check_options(kind: str, given: dict[str, object]) -> dict[str, object]:
    """The given flags parsed for `kind`'s options; ConfigError naming the flag when one does not fit."""
    spec = spec_for(kind)
    known = {option.name: option for option in spec.settings}
    parsed: dict[str, object] = {}
    for name, raw in given.items():
        option = known.get(name)
        if option is None:
            owners = [s.label for s in SPECS if name in {o.name for o in s.settings}]
            flag = "--" + name.replace("_", "-")
            raise errors.ConfigError(
                f"{flag} is an option of {' and '.join(owners) or 'no provider'}; this profile uses {spec.label}.",
                title="Unsuitable option",
            )
        try:
            parsed[name] = option.parse(raw)
        except OptionError as exc:
            raise errors.ConfigError(exc.for_command_line(), title="Unsuitable option") from None
    return parsed


def _metavar(option: Option) -> str:
    if option.choices:
        return "|".join(choice.value for choice in option.choices)
    if option.name.startswith("path_"):
        return "PATH"
    return "N" if option.type is int and option.parse_text is None else "VALUE"
