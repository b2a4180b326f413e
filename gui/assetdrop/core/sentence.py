"""Sentences the core writes, kept translatable without Qt: `translate("Context", "template {name}")` returns a
`Sentence`, and `.format(name=...)` fills it. A Sentence is a `str` whose value is the English text (so the command
line, the logs and comparisons see what they always saw), and which remembers its context, template and values,
so the window can show it in the user's language (qt/core_text.py) and the queue file can keep it as such
(queue/store.py).

The name `translate` and the call's shape are what pyside6-lupdate extracts from any .py file (the Makefile's
update-translations runs it over core/ too): two literal arguments, and the values given to `.format()` after
it, never as further arguments (lupdate skips a translate call with a third argument or keywords).
"""

from __future__ import annotations

from typing import Any

Value = str | int | float  # a Sentence among the values is one too (str); anything else is kept as its str()


class Sentence(str):
    """English text that knows where it came from; `params` is None for a template not filled."""

    context: str
    template: str
    params: dict[str, Value] | None

    def __new__(cls, context: str, template: str, params: dict[str, Any] | None = None) -> Sentence:
        kept = None if params is None else {k: _kept(v) for k, v in params.items()}
        text = template if kept is None else template.format(**kept)
        self = super().__new__(cls, text)
        self.context, self.template, self.params = context, template, kept
        return self

    def format(self, *args: object, **params: object) -> Sentence:
        """The template filled: a Sentence still (str.format would give a plain str, losing the template)."""
        if args or self.params is not None:
            raise TypeError("a Sentence is filled once, by name: translate(...).format(name=value)")
        return Sentence(self.context, self.template, params)

    def __reduce__(self) -> tuple[Any, ...]:  # pickle and copy keep it a Sentence
        return (Sentence, (self.context, self.template, self.params))

    def to_json(self) -> dict[str, Any]:
        params = None if self.params is None else {k: _encoded(v) for k, v in self.params.items()}
        return {"context": self.context, "template": self.template, "params": params}

    @classmethod
    def from_json(cls, data: Any) -> Sentence | None:
        """None for anything that is not a sentence as to_json wrote it (an older or damaged record)."""
        try:
            params = data["params"]
            values = None if params is None else {str(k): _decoded(v) for k, v in params.items()}
            return cls(str(data["context"]), str(data["template"]), values)
        except (KeyError, TypeError, AttributeError, ValueError, IndexError):
            return None


def translate(context: str, template: str) -> Sentence:
    """Mark a sentence for translation (lupdate reads the two literals); fill it with `.format(name=value)`."""
    return Sentence(context, template)


def _kept(value: object) -> Value:
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return value
    return str(value)  # a Path, an exception, a bool: as the English sentence would have shown it


def _encoded(value: Value) -> Any:
    return {"sentence": value.to_json()} if isinstance(value, Sentence) else value


def _decoded(value: Any) -> Value:
    if isinstance(value, dict):
        inner = Sentence.from_json(value.get("sentence"))
        if inner is None:
            raise ValueError("not a sentence")
        return inner
    if isinstance(value, str | int | float) and not isinstance(value, bool):
        return value
    raise ValueError(f"not a sentence's value: {value!r}")
