"""Build the provider a profile names. The only place that maps a profile kind to a provider class.

`secret` is the profile's keyring entry: the FileSpin API key, the memories.ai key, or for Xvid a bare token or
JSON `{"client_id", "client_secret"}` (xvid.parse_secret). Provider-specific settings live in `profile.options`:

- filespin: `paths` (FileSpinPaths fields), `link_expiry`
- xvid: `paths` (XvidPaths fields), `link_options` (XvidLinkOptions fields, the defaults for every download),
  `pipeline_id`, `object_key_template` (default `uploads/{name}`), `signed_url_validity` (s), `scope`,
  `download_auth` (`auto`: HMAC-signed when there is no token; `bearer`)
- memories: `paths` (MemoriesPaths fields, e.g. `{"download": "/{asset_id}/download"}`), `upload_method`
  (`POST` form with `file`, the vendor sample's; or `PUT` raw body)
- every kind: `ca_bundle`, a PEM file (or hashed directory) of extra certificate authorities to trust for this
  profile, added to the system's trust (`make_http`); TLS verification itself cannot be turned off
"""

from __future__ import annotations

from ..errors import ConfigError
from ..http import HttpClient
from ..settings import Profile
from . import filespin, memories, xvid
from .xvid_links import XvidLinkOptions


def make_http(profile: Profile, *, pool_size: int = 8, **kwargs) -> HttpClient:
    """The HttpClient for a profile: its TLS options (the CA bundle) applied. Raises ConfigError for a bad bundle."""
    ca_bundle = (profile.options or {}).get("ca_bundle") or None
    return HttpClient(pool_size=pool_size, ca_bundle=str(ca_bundle) if ca_bundle else None, **kwargs)


def make_provider(profile: Profile, api_key: str, http: HttpClient):
    options = profile.options or {}
    if profile.kind == filespin.KIND:
        return filespin.FileSpinProvider(http, profile.base_url, api_key,
                                         paths=filespin.FileSpinPaths.from_options(options.get("paths")),
                                         link_expiry=int(options.get("link_expiry", 600)))
    if profile.kind == xvid.KIND:
        return xvid.XvidProvider(http, profile.base_url, xvid.parse_secret(api_key),
                                 paths=xvid.XvidPaths.from_options(options.get("paths")),
                                 link_options=XvidLinkOptions.from_dict(options.get("link_options")),
                                 pipeline_id=options.get("pipeline_id"),
                                 object_key_template=options.get("object_key_template", "uploads/{name}"),
                                 signed_url_validity=int(options.get("signed_url_validity", 600)),
                                 scope=options.get("scope"), download_auth=options.get("download_auth", "auto"))
    if profile.kind == memories.KIND:
        return memories.MemoriesProvider(http, profile.base_url, api_key,
                                         paths=memories.MemoriesPaths.from_options(options.get("paths")),
                                         upload_method=str(options.get("upload_method", "POST")))
    raise ConfigError(f"Profile {profile.name!r} uses provider {profile.kind!r}, which this version does not know.")
