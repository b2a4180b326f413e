"""Build the provider a profile names. The only place that maps a profile kind to a provider class."""

from __future__ import annotations

from ..errors import ConfigError
from ..http import HttpClient
from ..settings import Profile
from . import filespin


def make_provider(profile: Profile, api_key: str, http: HttpClient):
    if profile.kind == filespin.KIND:
        options = profile.options or {}
        return filespin.FileSpinProvider(http, profile.base_url, api_key,
                                         paths=filespin.FileSpinPaths.from_options(options.get("paths")),
                                         link_expiry=int(options.get("link_expiry", 600)))
    raise ConfigError(f"Profile {profile.name!r} uses provider {profile.kind!r}, which this version does not know.")
