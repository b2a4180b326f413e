"""Xvid pieces without a network: HMAC signing (docs/providers.md), ip conversion, expiry parsing, answers."""

from __future__ import annotations

import base64
import hashlib
import hmac

import pytest

from assetdrop.core import errors
from assetdrop.core.providers import xvid
from assetdrop.core.providers.spec import ProviderConfig
from assetdrop.core.providers.xvid.links import XvidLinkOptions, int_to_ip, ip_to_int, parse_answer, parse_expiry
from assetdrop.core.providers.xvid.signing import sign_url

SECRET = base64.b64encode(b"0123456789abcdef0123456789abcdef").decode()


def test_signature_is_hmac_sha256_hex_over_the_v1_string_with_the_decoded_secret():
    url = sign_url(
        "https://api.xvid.com/v1/files/downloads/",
        [("file_id", "abc"), ("autograph_tag", "a b")],
        client_id="cid",
        client_secret=SECRET,
        expiry_time=1700000000,
    )
    message = "/v1/files/downloads/?file_id=abc&autograph_tag=a%20b&multi_use=true&client_id=cid&expiry_time=1700000000"
    expected = hmac.new(base64.b64decode(SECRET), message.encode(), hashlib.sha256).hexdigest()
    assert url == f"https://api.xvid.com{message}&signature={expected}"


def test_vendor_sample_order_with_redirect_and_single_use():
    url = sign_url(
        "https://api.xvid.com/v1/files/downloads/",
        [("file_id", "F"), ("redirect", "true")],
        client_id="C",
        client_secret=SECRET,
        expiry_time=5,
        multi_use=False,
    )
    assert "?file_id=F&redirect=true&multi_use=false&client_id=C&expiry_time=5&signature=" in url


def test_signing_refuses_a_non_base64_secret_and_reserved_params():
    with pytest.raises(errors.ConfigError):
        sign_url("https://h/v1/x", [], client_id="c", client_secret="not base64!", expiry_time=1)
    with pytest.raises(ValueError):
        sign_url("https://h/v1/x", [("signature", "x")], client_id="c", client_secret=SECRET, expiry_time=1)


@pytest.mark.parametrize(
    "dotted, number",
    [("0.0.0.0", 0), ("127.0.0.1", 2130706433), ("192.168.1.1", 3232235777), ("255.255.255.255", 4294967295)],
)
def test_ip_as_32_bit_integer(dotted, number):
    assert ip_to_int(dotted) == number and int_to_ip(number) == dotted


@pytest.mark.parametrize("bad", ["256.1.1.1", "::1", "1.2.3", "host"])
def test_bad_ip_is_refused(bad):
    with pytest.raises(errors.ConfigError):
        ip_to_int(bad)


def test_expiry_parsing():
    assert parse_expiry("1735689600") == 1735689600
    assert parse_expiry("+60", now=1000) == 1060
    assert parse_expiry("2025-01-01T00:00:00") == 1735689600
    assert parse_expiry("2025-01-01T01:00:00+01:00") == 1735689600
    with pytest.raises(errors.ConfigError):
        parse_expiry("tomorrow")


def test_query_holds_every_option_in_contract_form():
    opts = XvidLinkOptions(
        expiry_time=99,
        redirect=True,
        format="xml",
        human=True,
        streaming=True,
        ip="10.0.0.1",
        autograph_tag="t",
        anti_fraud=True,
        max_parallel_downloads=3,
    )
    assert dict(opts.query("F")) == {
        "file_id": "F",
        "format": "xml",
        "human": "true",
        "streaming": "true",
        "anti_fraud": "true",
        "autograph_tag": "t",
        "ip": "167772161",
        "max_parallel_downloads": "3",
        "redirect": "true",
        "expiry_time": "99",
    }
    assert "expiry_time" not in dict(opts.query("F", include_expiry=False))
    given = {
        "expiry_time": "99",
        "redirect": True,
        "format": "xml",
        "human": "yes",
        "streaming": True,
        "ip": "10.0.0.1",
        "autograph_tag": "t",
        "anti_fraud": True,
        "max_parallel_downloads": "3",
    }
    config = ProviderConfig(xvid.SPEC, "https://x", xvid.SPEC.resolve(given))
    assert XvidLinkOptions.from_config(config) == opts  # the profile's options, as the spec parses them
    with pytest.raises(errors.ConfigError):
        XvidLinkOptions(object_key="k").query()


@pytest.mark.parametrize(
    "body, urls, archive",
    [
        (b'{"download":{"url":"https://s/a"}}', ["https://s/a"], False),
        (b'{"url":"https://s/a"}', ["https://s/a"], False),
        (b'{"urls":["https://s/a","https://s/b"],"name":"Box"}', ["https://s/a", "https://s/b"], True),
        (b'["https://s/a"]', ["https://s/a"], True),
        (b'{"result":{"deep":"https://s/x"}}', ["https://s/x"], False),
        (
            b'<?xml version="1.0"?><download><url>https://s/a?x=1&amp;y=2</url></download>',
            ["https://s/a?x=1&y=2"],
            False,
        ),
        (
            b"<download><name>Box</name><urls><url>https://s/a</url><url>https://s/b</url></urls></download>",
            ["https://s/a", "https://s/b"],
            True,
        ),
    ],
)
def test_answers_in_json_and_xml(body, urls, archive):
    answer = parse_answer(body)
    assert (answer.urls, answer.archive) == (urls, archive)


def test_xml_with_a_dtd_is_refused():
    with pytest.raises(errors.ProtocolError):
        parse_answer(b'<!DOCTYPE x [<!ENTITY a "b">]><download><url>https://s/&a;</url></download>')


def test_secret_formats():
    def creds(text):
        return xvid.XvidCredentials.from_secrets(xvid.SPEC.decode_secret(text))

    assert creds("tok123") == xvid.XvidCredentials(token="tok123")
    pair = creds(xvid.XvidCredentials(client_id="c", client_secret="s").secret)
    assert (pair.client_id, pair.client_secret, pair.token) == ("c", "s", None)
    with pytest.raises(errors.CredentialsError):
        creds('{"client_id": "only"}')
    with pytest.raises(errors.CredentialsError):
        creds("")
