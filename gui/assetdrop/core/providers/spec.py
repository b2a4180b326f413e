"""What a provider declares once: its kind, label, options, asset IDs, capabilities and factory.

As rclone registers a backend, each provider package exports one `ProviderSpec`; the registry, the Profiles
dialog's fields, the command line's flags, the options table in docs/providers.md and asset-ID recognition are
all derived from these declarations (docs/architecture.md, "How to add an option").
"""

from __future__ import annotations

import enum
import json
from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Generic, TypeVar

from .. import errors
from ..http import HttpClient
from ..proxy import parse_setting as parse_proxy_setting
from ..sentence import translate
from .endpoint import Endpoint, OptionValue
from .option_error import OptionError

# The provider class a spec builds (base.Provider): generic, so this module needs no import of base.py.
P = TypeVar("P", covariant=True)


class Capability(enum.Flag):
    """What a provider can do; the window disables what its profile's provider lacks."""

    NONE = 0
    UPLOAD = enum.auto()
    DOWNLOAD = enum.auto()
    RESUMABLE_UPLOAD = enum.auto()  # an interrupted upload goes on without sending the bytes again
    RESUMABLE_DOWNLOAD = enum.auto()  # an interrupted download goes on from its temporary file
    RANGED_DOWNLOAD = enum.auto()  # the provider documents HTTP Range on its downloads
    SEARCH = enum.auto()
    INFO = enum.auto()
    SIGNED_LINKS = enum.auto()  # a shareable link that needs no key
    RENDITIONS = enum.auto()  # other versions of an asset (thumbnails, conversions)


class Applies(str, enum.Enum):
    """Which transfers an option is for: it is offered on those commands and in that part of the dialog."""

    CONNECTION = "connection"
    UPLOAD = "upload"
    DOWNLOAD = "download"


@dataclass(frozen=True)
class Choice:
    value: str
    label: str


@dataclass(frozen=True)
class Option:
    """One setting of a provider: stored in the profile (or, when `secret`, in the keyring with the key)."""

    name: str
    type: type[str] | type[int] | type[bool]
    default: OptionValue
    help: str
    label: str
    applies: Applies = Applies.CONNECTION
    secret: bool = False
    choices: tuple[Choice, ...] = ()
    placeholder: str = ""
    group: str = ""  # the dialog's box this field stands in ("" = the main form)
    minimum: int | None = None
    aliases: tuple[str, ...] = ()  # earlier command-line flags that still work
    parse_text: Callable[[str], OptionValue] | None = None  # turns typed text into the value (may raise)
    negative: str | None = None  # a text option's `--no-<name>` flag, which sets this value
    needed_for: Applies | None = None  # transfers that cannot start without a value (Xvid's upload pipeline)

    @property
    def flag(self) -> str:
        return "--" + self.name.replace("_", "-")

    def parse(self, raw: object) -> OptionValue:
        """The value from what a person typed, a flag gave or a settings file held; an OptionError says which
        option and what is wrong (each face names the option its own way)."""
        if raw is None or (isinstance(raw, str) and not raw.strip() and self.type is not bool):
            return None
        try:
            if self.parse_text is not None and isinstance(raw, str):
                return self.parse_text(raw.strip())
            if self.type is bool:
                return _as_bool(raw)
            if self.type is int:
                if isinstance(raw, bool) or not isinstance(raw, int | str | float):
                    raise ValueError("not a number")
                value = int(raw)
                if self.minimum is not None and value < self.minimum:
                    raise errors.ConfigError(
                        translate("providers.options", "must be at least {minimum}").format(minimum=self.minimum)
                    )
                return value
            text = str(raw).strip()
        except errors.ConfigError as exc:
            raise OptionError((self,), exc.message) from None
        except (TypeError, ValueError):
            raise OptionError(
                (self,), translate("providers.options", "{value} is not a whole number.").format(value=repr(raw))
            ) from None
        if self.choices:
            for choice in self.choices:
                if choice.value.lower() == text.lower():
                    return choice.value
            allowed = ", ".join(choice.value for choice in self.choices)
            raise OptionError(
                (self,),
                translate("providers.options", "{value} is not one of {allowed}.").format(
                    value=repr(text), allowed=allowed
                ),
            )
        return text


def _as_bool(raw: object) -> bool:
    if isinstance(raw, bool):
        return raw
    text = str(raw).strip().lower()
    if text in ("1", "true", "yes", "on"):
        return True
    if text in ("0", "false", "no", "off", ""):
        return False
    raise errors.ConfigError(f"{raw!r} is not yes or no")


CA_BUNDLE = Option(
    "ca_bundle",
    str,
    None,
    "Extra certificate authorities to trust for this profile (a PEM file or a hashed folder), added to the "
    "system's; verification is always on",
    "CA bundle",
    placeholder="optional: extra CA certificates (file or folder)",
)
PROXY_GROUP = "Proxy"
PROXY = Option(
    "proxy",
    str,
    "system",
    "The proxy for this profile: system (the proxy environment variables, else the desktop's setting), none, or "
    "a proxy's address (http://host:port); NO_PROXY applies to system and to an address",
    "Proxy",
    placeholder="system (default), none, or http://proxy.example:3128",
    group=PROXY_GROUP,
    parse_text=parse_proxy_setting,
    negative="none",
)
PROXY_USER = Option(
    "proxy_user",
    str,
    None,
    "The user name the profile's proxy asks for (its password is kept in the keyring)",
    "Proxy user",
    placeholder="only if the proxy asks for a sign-in",
    group=PROXY_GROUP,
)
PROXY_PASSWORD = Option(
    "proxy_password",
    str,
    None,
    "The password the profile's proxy asks for, kept in the keyring with the key",
    "Proxy password",
    secret=True,
    placeholder="only if the proxy asks for a sign-in",
    group=PROXY_GROUP,
)
COMMON_OPTIONS = (CA_BUNDLE, PROXY, PROXY_USER, PROXY_PASSWORD)  # every provider kind has these


def request_rate(default: int, documented: str) -> Option:
    """The API's request budget, which every call in this process shares (core/transfer/pacing.py)."""
    return Option(
        "requests_per_second",
        int,
        default,
        f"API calls a second at most, shared by every transfer and by Browse ({documented}); 0: no limit",
        "Requests a second",
        minimum=0,
    )


Check = Callable[[Mapping[str, OptionValue]], None]


@dataclass(frozen=True)
class ProviderSpec(Generic[P]):
    kind: str
    label: str
    factory: Callable[[ProviderConfig, HttpClient], P]
    options: tuple[Option, ...]
    capabilities: Capability
    address_placeholder: str
    asset_id_pattern: str = ""  # a regular expression an ID of this provider matches in free text
    check: Check | None = None  # the rules between options ("an object key needs a pipeline ID")
    legacy: Mapping[str, str] = field(default_factory=dict)  # "group.name" of older settings -> option name

    def option(self, name: str) -> Option:
        for option in self.options:
            if option.name == name:
                return option
        raise KeyError(name)

    @property
    def secrets(self) -> tuple[Option, ...]:
        return tuple(option for option in self.options if option.secret)

    @property
    def settings(self) -> tuple[Option, ...]:
        return tuple(option for option in self.options if not option.secret)

    def can(self, capability: Capability) -> bool:
        return capability in self.capabilities

    def resolve(self, given: Mapping[str, object]) -> dict[str, OptionValue]:
        """Every non-secret option's value: what is given (parsed), else its default. Unknown names are kept
        out; a value that does not parse is an OptionError naming its option."""
        values = {option.name: option.default for option in self.settings}
        for option in self.settings:
            if option.name in given:
                parsed = option.parse(given[option.name])
                values[option.name] = option.default if parsed is None else parsed
        if self.check is not None:
            self.check(values)
        return values

    def require(self, applies: Applies, values: Mapping[str, OptionValue]) -> None:
        """Before any such transfer starts: an OptionError for the first option it needs that has no value."""
        for option in self.settings:
            if option.needed_for is applies and values.get(option.name) in (None, ""):
                needed = (
                    translate("providers.options", "{{0}} is needed to upload with {provider}.")
                    if applies is Applies.UPLOAD
                    else translate("providers.options", "{{0}} is needed to download with {provider}.")
                    if applies is Applies.DOWNLOAD
                    else translate("providers.options", "{{0}} is needed with {provider}.")
                )
                raise OptionError((option,), needed.format(provider=self.label))

    # -- the keyring entry ------------------------------------------------------------------------------------
    def decode_secret(self, text: str) -> dict[str, str]:
        """The secret options from the keyring string: the bare value when the provider has one secret (and,
        for several, a bare string stands for the first); otherwise a JSON object by option name."""
        text = (text or "").strip()
        first = self.secrets[0].name if self.secrets else "api_key"
        if len(self.secrets) <= 1 or not text.startswith("{"):
            return {first: text} if text else {}
        try:
            data = json.loads(text)
        except ValueError:
            raise errors.CredentialsError(
                f"The stored {self.label} credentials are not valid JSON; enter them again."
            ) from None
        if not isinstance(data, dict):
            raise errors.CredentialsError(
                f"The stored {self.label} credentials are not a JSON object; enter them again."
            )
        known = {option.name for option in self.secrets}
        aliases = {"access_token": first}
        return {
            aliases.get(str(k), str(k)): str(v) for k, v in data.items() if aliases.get(str(k), str(k)) in known and v
        }

    def encode_secret(self, values: Mapping[str, str]) -> str:
        """The keyring string for these secret values (the inverse of `decode_secret`)."""
        present = {option.name: values[option.name] for option in self.secrets if values.get(option.name)}
        if len(self.secrets) <= 1 or set(present) <= {self.secrets[0].name}:
            return next(iter(present.values()), "")
        return json.dumps(present)

    def migrate(self, options: Mapping[str, object]) -> dict[str, object]:
        """Profile options as older versions saved them (`paths` and `link_options` groups) -> flat option names."""
        flat: dict[str, object] = {}
        for key, value in options.items():
            if isinstance(value, dict) and key in ("paths", "link_options"):
                for inner, inner_value in value.items():
                    default = f"path_{inner}" if key == "paths" else str(inner)
                    flat.setdefault(self.legacy.get(f"{key}.{inner}", default), inner_value)
            else:
                flat[key] = value
        return flat


@dataclass(frozen=True)
class ProviderConfig:
    """What builds a provider: the endpoint's options resolved against the spec, and the secrets from the keyring."""

    spec: ProviderSpec[object]
    base_url: str
    values: Mapping[str, OptionValue]
    secrets: Mapping[str, str] = field(default_factory=dict, repr=False)

    @classmethod
    def build(cls, spec: ProviderSpec[object], endpoint: Endpoint, secret: str) -> ProviderConfig:
        return cls(spec, endpoint.base_url, spec.resolve(endpoint.options), spec.decode_secret(secret))

    def text(self, name: str) -> str:
        value = self.values.get(name)
        return "" if value is None else str(value)

    def number(self, name: str) -> int:
        value = self.values.get(name)
        if isinstance(value, bool) or not isinstance(value, int):
            raise OptionError((self.spec.option(name),), translate("providers.options", "{0} is not set."))
        return value

    def flag(self, name: str) -> bool:
        return bool(self.values.get(name))

    def secret(self, name: str) -> str:
        return self.secrets.get(name, "")
