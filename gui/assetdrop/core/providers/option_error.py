"""A provider option that does not fit, said once in core and named by each face in its own words.

The core knows which option is wrong and what is wrong with it, not whether a person typed it into the Profiles
dialog or gave it as a flag; so it keeps the two apart, and the window names the field's label (qt/profiles_dialog.py)
while the command line names the flag (cli_options.py, cli.py). `message` names the labels, for any other reader.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Protocol

from .. import errors
from ..sentence import translate


class Named(Protocol):
    """What an option offers to be named by (spec.Option): its name, its field's label and its flag."""

    @property
    def name(self) -> str: ...

    @property
    def label(self) -> str: ...

    @property
    def flag(self) -> str: ...


class OptionError(errors.ConfigError):
    """`options`: the option(s) concerned, first the one to fix; `problem`: what is wrong, after "Label: ", or a
    sentence with {0}, {1}… where the options' names go ("{0} and {1} go together")."""

    title = translate("providers.options", "Profile settings")

    def __init__(self, options: tuple[Named, ...], problem: str, *, title: str | None = None):
        self.options = options
        self.problem = problem
        super().__init__(self.worded(lambda option: option.label), title=title)

    @property
    def option(self) -> Named:
        return self.options[0]

    def worded(self, name: Callable[[Named], str], text: Callable[[str], str] = str) -> str:
        """The message with each option named by `name` (its label, its flag, a translated label), the problem
        put in words by `text` (the window translates it: qt/core_text.py; {0}, {1}… survive that)."""
        names = [name(option) for option in self.options]
        problem = str(text(self.problem))
        if "{0}" in problem:
            return problem.format(*names)
        return f"{names[0]}: {problem}"

    def for_command_line(self) -> str:
        return self.worded(lambda option: option.flag)
