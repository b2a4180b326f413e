"""Every provider is declared once (its spec) and everything else is derived from it: the registry, option
parsing, the keyring entry, older settings, asset-ID recognition and the command line's flags."""

from __future__ import annotations

import json

import pytest

from assetdrop.cli import build_parser
from assetdrop.core import errors, settings
from assetdrop.core.asset_ids import find_asset_ids
from assetdrop.core.http import HttpClient
from assetdrop.core.providers import filespin, memories, registry, xvid
from assetdrop.core.providers.base import Provider
from assetdrop.core.providers.endpoint import Endpoint
from assetdrop.core.providers.spec import Applies, Capability


def test_every_kind_is_buildable_from_its_spec():
    assert registry.kinds() == ("filespin", "xvid", "memories")
    with HttpClient() as http:
        fs = registry.build(Endpoint("filespin", "https://a.example"), "k", http)
        assert isinstance(fs, filespin.FileSpinProvider) and fs.link_expiry == 600
        secret = json.dumps({"client_id": "c", "client_secret": "c2VjcmV0"})
        options = {"pipeline_id": "p", "format": "xml", "ip": "10.0.0.1", "path_downloads": "/files/intern/downloads/"}
        xv = registry.build(Endpoint("xvid", "https://api.xvid.com/v1", options), secret, http)
        assert isinstance(xv, xvid.XvidProvider) and xv.uses_hmac
        assert (xv.pipeline_id, xv.link_options.format, xv.paths.downloads) == ("p", "xml", "/files/intern/downloads/")
        options = {"path_download": "/assets/{asset_id}", "upload_method": "put"}
        mem = registry.build(Endpoint("memories", "https://m.example/serve/api/v2", options), "sk-mavi-x", http)
        assert isinstance(mem, memories.MemoriesProvider)
        assert (mem.paths.download, mem.upload_method) == ("/assets/{asset_id}", "PUT")  # choices ignore case
        with pytest.raises(errors.ConfigError, match="does not know the provider 'nope'"):
            registry.build(Endpoint("nope", "https://a.example"), "k", http)
        with pytest.raises(errors.ConfigError, match=r"Signed upload: 'GET' is not one of POST, PUT"):
            registry.build(Endpoint("memories", "https://m.example", {"upload_method": "GET"}), "k", http)


def test_each_spec_is_consistent():
    for spec in registry.SPECS:
        names = [option.name for option in spec.options]
        assert len(names) == len(set(names)), spec.kind
        assert spec.secrets, f"{spec.kind} declares no secret"
        assert spec.can(Capability.UPLOAD) and spec.can(Capability.DOWNLOAD)
        assert issubclass(spec.factory, Provider) and spec.factory.spec is spec
        for option in spec.settings:  # every default parses as its own type
            assert option.parse(option.default) in (option.default, None)


def test_rules_between_options_fail_in_words():
    with pytest.raises(errors.ConfigError, match=r"Object key \(download links\) needs Pipeline ID too"):
        xvid.SPEC.resolve({"object_key": "uploads/a.mp4"})
    assert xvid.SPEC.resolve({"object_key": "k", "link_pipeline_id": "p"})["object_key"] == "k"
    with pytest.raises(errors.ConfigError, match="Client IP: '300.1.1.1' is not an IPv4"):
        xvid.SPEC.resolve({"ip": "300.1.1.1"})
    with pytest.raises(errors.ConfigError, match="Link lifetime .s.: 'soon' is not a whole number"):
        filespin.SPEC.resolve({"link_expiry": "soon"})


def test_the_keyring_entry_holds_the_secret_options():
    assert filespin.SPEC.decode_secret("key-1") == {"api_key": "key-1"}
    assert filespin.SPEC.encode_secret({"api_key": "key-1"}) == "key-1"
    assert xvid.SPEC.decode_secret("tok") == {"token": "tok"}  # a bare token, as earlier versions stored it
    pair = xvid.SPEC.encode_secret({"client_id": "c", "client_secret": "s"})
    assert json.loads(pair) == {"client_id": "c", "client_secret": "s"}
    assert xvid.SPEC.decode_secret(pair) == {"client_id": "c", "client_secret": "s"}
    assert xvid.SPEC.decode_secret('{"access_token": "t"}') == {"token": "t"}
    with pytest.raises(errors.CredentialsError, match="not valid JSON"):
        xvid.SPEC.decode_secret("{broken")
    with pytest.raises(errors.CredentialsError, match="needs a token, or a client ID"):
        xvid.XvidCredentials.from_secrets(xvid.SPEC.decode_secret('{"client_id": "only"}'))


def test_older_settings_are_read_into_flat_options(tmp_path):
    path = tmp_path / "settings.json"
    old = {
        "profiles": [
            {
                "name": "X",
                "kind": "xvid",
                "base_url": "https://api.xvid.com/v1",
                "options": {
                    "pipeline_id": "up",
                    "link_options": {"pipeline_id": "links", "object_key": "k", "human": True},
                    "paths": {"downloads": "/d/"},
                },
            },
            {
                "name": "M",
                "kind": "memories",
                "base_url": "https://m",
                "options": {"paths": {"download": "/a/{asset_id}"}},
            },
        ]
    }
    path.write_text(json.dumps(old))
    conf = settings.load(path)
    assert conf.profile("X").options == {
        "pipeline_id": "up",
        "link_pipeline_id": "links",
        "object_key": "k",
        "human": True,
        "path_downloads": "/d/",
    }
    assert conf.profile("M").options == {"path_download": "/a/{asset_id}"}


def test_asset_ids_are_recognised_by_each_providers_pattern():
    text = "see 0123456789abcdef0123456789abcdef and re_1234567, also 54820cec18bac397e161aebc."
    assert find_asset_ids(text) == ["0123456789abcdef0123456789abcdef", "re_1234567", "54820cec18bac397e161aebc"]
    assert find_asset_ids(text, ["memories"]) == ["re_1234567"]
    assert find_asset_ids("some-free-token\nanother_one") == ["some-free-token", "another_one"]


def test_command_line_flags_are_the_specs_options():
    parser = build_parser()
    up = parser.parse_args(["upload", "--pipeline-id", "p", "--upload-method", "PUT", "x"])
    assert (up.opt_pipeline_id, up.opt_upload_method) == ("p", "PUT")
    down = parser.parse_args(["download", "--pipeline-id", "p", "--object-key", "k", "--redirect"])
    assert (down.opt_link_pipeline_id, down.opt_object_key, down.opt_redirect) == ("p", "k", True)
    top = parser.parse_args(["--path-download", "/x/{asset_id}", "--ca-bundle", "/ca.pem", "resume"])
    assert (top.opt_path_download, top.opt_ca_bundle) == ("/x/{asset_id}", "/ca.pem")
    every = {o.name for spec in registry.SPECS for o in spec.settings}
    given = {
        a.dest[4:] for action in [parser, *_subparsers(parser)] for a in action._actions if a.dest.startswith("opt_")
    }
    assert given == every  # no option without a flag, no flag without an option
    upload_only = {o.name for spec in registry.SPECS for o in spec.settings if o.applies is Applies.UPLOAD}
    assert upload_only <= {a.dest[4:] for a in _subparsers(parser)[1]._actions if a.dest.startswith("opt_")}


def _subparsers(parser):
    choices = next(a for a in parser._actions if a.dest == "command").choices
    return [choices["resume"], choices["upload"], choices["download"]]


def test_an_option_error_says_which_option_so_each_face_names_it_its_own_way():
    """The core says which option and what is wrong; the window words it with the field's label, the command line
    with the flag (cli_options.py), so neither shows the other's name."""
    from assetdrop.core.providers.option_error import OptionError

    with pytest.raises(OptionError) as raised:
        xvid.SPEC.resolve({"link_pipeline_id": "p"})
    assert [o.name for o in raised.value.options] == ["object_key", "link_pipeline_id"]  # the one to fill first
    assert raised.value.message == "Pipeline ID (download links) needs Object key too: fill in both or neither."
    assert (
        raised.value.for_command_line()
        == "--link-pipeline-id (download links) needs --object-key too: fill in both or neither."
    )
    with pytest.raises(OptionError) as raised:
        xvid.SPEC.resolve({"expiry_time": "soon"})
    assert raised.value.option.name == "expiry_time" and raised.value.message.startswith("Links expire at: ")
    assert raised.value.for_command_line().startswith("--expiry-time: Expiry 'soon'")
