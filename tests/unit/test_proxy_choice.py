"""core/proxy.py: which proxy a URL goes through, from the environment as curl and requests read it (lower and
upper case, NO_PROXY, ALL_PROXY), from the desktop's mapping, or from the profile; and the `proxy` option's text."""

from __future__ import annotations

import pytest

from assetdrop.core import errors, proxy
from assetdrop.core.proxy import MANUAL, NONE, SYSTEM, ProxyChoice, parse_setting


@pytest.fixture(autouse=True)
def clean(monkeypatch):
    for name in ("http_proxy", "https_proxy", "all_proxy", "no_proxy", "REQUEST_METHOD"):
        monkeypatch.delenv(name, raising=False)
        monkeypatch.delenv(name.upper(), raising=False)
    yield
    proxy.set_desktop_proxies({})


def _proxy(url: str, choice: ProxyChoice | None = None) -> str | None:
    route = (choice or ProxyChoice()).route(url)
    return route.url if route else None


def test_both_cases_are_read_and_the_lower_one_wins(monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://upper:1")
    assert _proxy("https://api.example/x") == "http://upper:1"
    monkeypatch.setenv("https_proxy", "http://lower:2")
    assert _proxy("https://api.example/x") == "http://lower:2"
    assert _proxy("http://api.example/x") is None  # no http_proxy: plain http goes direct
    monkeypatch.setenv("http_proxy", "http://plain:3")
    assert _proxy("http://api.example/x") == "http://plain:3"
    assert ProxyChoice().route("http://api.example/x").source == "HTTP_PROXY"


def test_all_proxy_covers_every_scheme(monkeypatch):
    monkeypatch.setenv("ALL_PROXY", "http://every:8080")
    assert _proxy("https://a.example/") == _proxy("http://b.example/") == "http://every:8080"
    assert ProxyChoice().route("https://a.example/").source == "ALL_PROXY"


def test_no_proxy_is_honoured_by_system_and_manual(monkeypatch):
    monkeypatch.setenv("HTTPS_PROXY", "http://corp:3128")
    monkeypatch.setenv("NO_PROXY", "internal.example,.lan,10.0.0.0/8")
    manual = ProxyChoice(MANUAL, "http://mine:3128")
    for url in ("https://internal.example/a", "https://box.lan/a", "https://10.1.2.3/a"):
        assert _proxy(url) is None and _proxy(url, manual) is None, url
    assert _proxy("https://cdn.example/a") == "http://corp:3128"
    assert _proxy("https://cdn.example/a", manual) == "http://mine:3128"


def test_none_ignores_the_environment_and_the_desktop(monkeypatch):
    monkeypatch.setenv("ALL_PROXY", "http://every:8080")
    proxy.set_desktop_proxies({"https": "http://desk:1"})
    assert _proxy("https://a.example/", ProxyChoice(NONE)) is None


def test_the_desktop_is_the_fallback_of_system(monkeypatch):
    proxy.set_desktop_proxies({"https": "http://desk:8080"})
    assert _proxy("https://a.example/") == "http://desk:8080"
    assert _proxy("http://a.example/") is None
    monkeypatch.setenv("https_proxy", "http://env:1")
    assert _proxy("https://a.example/") == "http://env:1"  # the environment is the more explicit


def test_manual_credentials_are_quoted_and_never_shown(monkeypatch):
    choice = ProxyChoice(MANUAL, "http://proxy.example:3128", "dom\\us er", "p@ss:w/rd")
    route = choice.route("https://a.example/")
    assert route.url == "http://dom%5Cus%20er:p%40ss%3Aw%2Frd@proxy.example:3128"
    assert route.where == "proxy.example:3128" and route.has_credentials
    assert "p@ss" not in repr(choice) and "p%40ss" not in repr(route)


def test_a_socks_proxy_is_refused_in_words(monkeypatch):
    monkeypatch.setenv("ALL_PROXY", "socks5://127.0.0.1:1080")
    with pytest.raises(errors.ConfigError) as info:
        ProxyChoice().route("https://a.example/")
    assert info.value.message.startswith("ALL_PROXY names a socks5 proxy (socks5://127.0.0.1:1080)")


@pytest.mark.parametrize(
    "typed, value",
    [
        ("", SYSTEM),
        ("System", SYSTEM),
        ("none", NONE),
        ("off", NONE),
        ("proxy.corp:3128", "http://proxy.corp:3128"),
        ("HTTP://Proxy.Corp:3128/", "http://proxy.corp:3128"),
        ("https://tls-proxy.corp", "https://tls-proxy.corp"),
    ],
)
def test_the_proxy_setting_from_what_was_typed(typed, value):
    assert parse_setting(typed) == value
    assert ProxyChoice.from_setting(value).mode == (value if value in (SYSTEM, NONE) else MANUAL)


@pytest.mark.parametrize(
    "typed, words",
    [
        ("socks5://p:1080", "socks5:// proxies are not supported"),
        ("http://u:p@proxy:3128", "not in the URL"),
        ("http://proxy:99999", "no valid port"),
        ("http://", "is not a proxy address"),
    ],
)
def test_a_proxy_setting_that_cannot_work_is_refused(typed, words):
    with pytest.raises(errors.ConfigError) as info:
        parse_setting(typed)
    assert words in info.value.message


def test_a_profiles_proxy_from_its_options_and_keyring_entry(monkeypatch):
    from assetdrop.core.providers.endpoint import Endpoint
    from assetdrop.core.providers.registry import ENV_PROXY_PASSWORD, proxy_choice

    options = {"proxy": "http://p.example:3128", "proxy_user": "erin"}
    secret = '{"api_key": "k-123456", "proxy_password": "from-keyring"}'
    choice = proxy_choice(Endpoint("filespin", "https://a.example", options), secret)
    assert (choice.mode, choice.url, choice.user, choice.password) == (
        MANUAL,
        "http://p.example:3128",
        "erin",
        "from-keyring",
    )
    monkeypatch.setenv(ENV_PROXY_PASSWORD, "from-env")
    assert proxy_choice(Endpoint("filespin", "https://a.example", options), "k-123456").password == "from-env"
    assert proxy_choice(Endpoint("xvid", "https://x.example", {"proxy": "none"})).mode == NONE
    assert proxy_choice(Endpoint("memories", "https://m.example")).mode == SYSTEM
    # the built-in sandbox is on this computer: never through a proxy, whatever the profile or the environment says
    sandbox = Endpoint("filespin", "http://127.0.0.1:8765", {"embedded_sandbox": True, "proxy": "http://p:1"})
    assert proxy_choice(sandbox).mode == NONE
