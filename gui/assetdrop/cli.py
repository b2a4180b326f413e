"""`assetdrop-cli`: headless upload, download, info, search and the sandbox server, over the same core as the app.

Output is made for pipes: one line per file on stdout (cli_output.py), one readable line per failure on stderr, a
progress line only when stderr is a terminal, and a non-zero exit status if anything failed. Transfers run on the
window's queue engine (cli_transfers.py).
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from . import __version__
from .cli_options import add_provider_flags, check_options, given_options
from .cli_output import Output, OutputClosed, failure, silence_stdout
from .cli_progress import TerminalProgress
from .cli_transfers import Run, make_session, print_problems, resume, transfer
from .cli_watch import add_watch_command, watch
from .core import errors, logsetup, settings
from .core.credentials import CredentialStore, resolve_api_key
from .core.local_files import expand_paths
from .core.providers.base import Provider
from .core.providers.endpoint import Endpoint
from .core.providers.option_error import OptionError
from .core.providers.registry import DEFAULT_KIND, build, kinds, make_http, spec_for
from .core.providers.spec import Applies
from .core.queue.items import Direction, QueueOptions
from .core.queue.transfer_queue import upload_sources
from .core.transfer.download import ConflictPolicy

log = logging.getLogger("assetdrop.cli")

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED, EXIT_OUTPUT_CLOSED = 0, 1, 2, 130, 141
COMMAND_LINE_PROFILE = "command-line"  # the profile name of items queued with --api-url and no --profile


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assetdrop-cli", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"assetdrop-cli {__version__}")
    parser.add_argument("--api-url", help="API base URL (overrides the profile's)")
    parser.add_argument("--profile", help="profile name (default: the current profile)")
    parser.add_argument(
        "--kind",
        choices=kinds(),
        help="provider kind for --api-url (default: the profile's, else filespin). The key comes from "
        'ASSETDROP_API_KEY or the keyring; for xvid a bare token or JSON {"client_id": ..., "client_secret": ...}',
    )
    parser.add_argument("-j", "--jobs", type=int, default=4, help="transfers at once (default 4)")
    parser.add_argument("--json", action="store_true", help="one JSON object per line on stdout instead of TSV")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr too")
    add_provider_flags(parser, Applies.CONNECTION)
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    resume_cmd = sub.add_parser("resume", help="finish what earlier --queued runs left unfinished")
    resume_cmd.add_argument("--paused", action="store_true", help="also resume items that were paused")

    up = sub.add_parser("upload", help="upload files and folders (recursive)")
    up.add_argument(
        "--queued",
        action="store_true",
        help="go through the persistent queue: if this command is killed, `resume` finishes the job "
        "(each file registered exactly once)",
    )
    up.add_argument("paths", nargs="+", metavar="PATH")
    up.add_argument("--limit-rate", type=int, default=0, metavar="KIB", help="this run's own cap in KiB/s")
    add_provider_flags(up, Applies.UPLOAD)

    down = sub.add_parser("download", help="download assets by ID")
    down.add_argument(
        "--queued",
        action="store_true",
        help="go through the persistent queue: `resume` continues interrupted downloads from their partial files",
    )
    down.add_argument("asset_ids", nargs="*", metavar="ASSET_ID")
    down.add_argument("--dest", type=Path, help="destination folder (default: the download folder in settings)")
    down.add_argument(
        "--no-verify",
        dest="verify",
        action="store_false",
        default=None,
        help="skip the MD5 check against the storage's checksum (default: the app's setting, on)",
    )
    down.add_argument(
        "--conflict",
        choices=[p.value for p in ConflictPolicy if p is not ConflictPolicy.ASK],
        default=None,
        help="when the file exists (default: the settings', else rename to 'name (1).ext')",
    )
    down.add_argument("--limit-rate", type=int, default=0, metavar="KIB", help="this run's own cap in KiB/s")
    add_provider_flags(down, Applies.DOWNLOAD)

    add_provider_flags(add_watch_command(sub), Applies.UPLOAD)

    clean = sub.add_parser(
        "clean", help="remove partial downloads no unfinished transfer needs (the window's Remove partial downloads)"
    )
    clean.add_argument(
        "--older-than", type=float, default=0.0, metavar="DAYS", help="only those untouched for this many days"
    )

    info = sub.add_parser("info", help="print an asset's data as JSON")
    info.add_argument("asset_id")

    search = sub.add_parser("search", help="search assets by name; prints ID, name and size")
    search.add_argument("text", nargs="?", default="")
    search.add_argument("--limit", type=int, default=50, help="at most this many results (default 50)")

    sandbox = sub.add_parser("sandbox", help="run the local sandbox API + storage in the foreground")
    sandbox.add_argument("--port", type=int, default=0, help="API port (default: any free port)")
    sandbox.add_argument("--storage-port", type=int, default=0, help="storage port (default: any free port)")
    sandbox.add_argument("--data", type=Path, help="keep state here (survives restarts); default: temporary")
    sandbox.add_argument("--api-key", help="the API key to accept (default: generated, or the one saved in --data)")
    sandbox.add_argument(
        "--storage-public-url",
        help="sign storage links for this address (a proxy in front of the storage); default: the storage's own",
    )
    sandbox.add_argument(
        "--no-rate-limits",
        dest="rate_limits",
        action="store_false",
        help="do not enforce the vendors' documented request limits (default: enforced, as the vendors do)",
    )
    sandbox.add_argument(
        "--processing-delay",
        type=float,
        metavar="SECONDS",
        help="how long a new upload stays unprocessed (default 0.3)",
    )
    sandbox.add_argument(
        "--exit-with-parent",
        action="store_true",
        help="stop when standard input closes (the app that started it has gone)",
    )
    return parser


@dataclass(frozen=True)
class Target:
    """Where this run's transfers go: a profile's name (for its key), the endpoint, and the key itself."""

    profile: str
    endpoint: Endpoint
    own_endpoint: bool  # queued items keep the endpoint (an --api-url, or provider flags): `resume` needs no profile
    key: str


def resolve_target(args: argparse.Namespace, conf: settings.Settings) -> Target:
    given = given_options(args)
    if args.api_url:
        stored = _stored_profile(conf, args.profile)
        kind = args.kind or (stored.kind if stored else DEFAULT_KIND)
        kept = dict(stored.options) if stored and stored.kind == kind else {}
        profile = settings.Profile(args.profile or COMMAND_LINE_PROFILE, kind, args.api_url, kept)
    elif args.profile or conf.current_profile:
        profile = conf.profile(args.profile)
        if args.kind and args.kind != profile.kind:
            raise errors.ConfigError(f"Profile {profile.name!r} uses {profile.kind}, not {args.kind}; drop --kind.")
    else:
        raise errors.ConfigError(
            "No profile is set up. Pass --api-url URL and set ASSETDROP_API_KEY, or create a profile in the "
            "Assetdrop app."
        )
    options: dict[str, Any] = {**profile.options, **check_options(profile.kind, given)}
    endpoint = Endpoint(profile.kind, profile.base_url, options)
    spec_for(endpoint.kind).resolve(endpoint.options)  # a rule between options fails here, before anything moves
    key = resolve_api_key(CredentialStore(), args.profile or (None if args.api_url else profile.name))
    logsetup.register_secret(key)
    return Target(profile.name, endpoint, bool(args.api_url or given), key)


def load_settings() -> settings.Settings:
    """The settings; a damaged file is moved aside (core/settings.py) and this says where, once."""
    conf = settings.load()
    moved = settings.damaged_file_moved_to(conf)
    if moved is not None:
        failure("settings", f"the settings file was damaged; it was moved to {moved} and the defaults are used")
    return conf


def _stored_profile(conf: settings.Settings, name: str | None) -> settings.Profile | None:
    if not name:
        return None
    try:
        return conf.profile(name)
    except errors.ConfigError:
        return None


def _stored_key(target: Target) -> str | None:
    """The keyring's key for the target's profile (what the queue's owner would use), if any."""
    try:
        return CredentialStore().get(target.profile)
    except errors.KeyringUnavailable:
        return None


def connect(args: argparse.Namespace) -> Provider:
    target = resolve_target(args, load_settings())
    http = make_http(target.endpoint, pool_size=max(args.jobs, 1), secret=target.key)
    return build(target.endpoint, target.key, http)


def _transfer(
    args: argparse.Namespace,
    conf: settings.Settings,
    target: Target,
    direction: Direction,
    sources: list[tuple[str, str, int | None]],
    options: QueueOptions,
) -> int:
    """This command's transfers on the queue engine (in memory, or the persistent queue with --queued)."""
    progress = TerminalProgress(total_files=len(sources))
    session = make_session(conf, queued=args.queued, command=args.command, on_change=progress.update)
    session.set_runtime_key(target.profile, target.key)
    run = Run(session, Output(json_lines=args.json), progress)
    try:
        return transfer(
            run,
            direction,
            sources,
            target.profile,
            options,
            args.jobs,
            owner_has_key=lambda: _stored_key(target) == target.key,
        )
    finally:
        session.close()


def cmd_upload(args: argparse.Namespace) -> int:
    conf = load_settings()
    expansion = expand_paths(args.paths, skip_junk=conf.skip_junk)  # the window's junk rule (core/junk.py)
    failures = print_problems(expansion.problems)
    if not expansion.files:
        return EXIT_FAILED if failures else EXIT_OK
    target = resolve_target(args, conf)
    options = QueueOptions(endpoint=target.endpoint if target.own_endpoint else None, limit_kib=args.limit_rate)
    spec_for(target.endpoint.kind).require(Applies.UPLOAD, target.endpoint.options)  # names the flag it needs
    code = _transfer(args, conf, target, Direction.UPLOAD, upload_sources(expansion.files, expansion.names), options)
    return max(code, EXIT_FAILED if failures else EXIT_OK)


def cmd_download(args: argparse.Namespace) -> int:
    conf = load_settings()
    target = resolve_target(args, conf)
    ids = list(dict.fromkeys(args.asset_ids))
    if not ids:
        object_key = target.endpoint.options.get("object_key")
        if not object_key:
            raise errors.ConfigError("Give at least one ASSET_ID (or, for Xvid, --object-key with --pipeline-id).")
        ids = [""]  # the object key names the file
    options = QueueOptions(
        endpoint=target.endpoint if target.own_endpoint else None,
        dest=str(args.dest.resolve()) if args.dest else "",
        conflict=ConflictPolicy(args.conflict) if args.conflict else None,
        verify=args.verify,
        limit_kib=args.limit_rate,
    )
    sources: list[tuple[str, str, int | None]] = [
        (asset_id, asset_id or str(target.endpoint.options.get("object_key")).rsplit("/", 1)[-1], None)
        for asset_id in ids
    ]
    return _transfer(args, conf, target, Direction.DOWNLOAD, sources, options)


def cmd_resume(args: argparse.Namespace) -> int:
    args.queued = True
    conf = load_settings()
    progress = TerminalProgress()
    session = make_session(conf, queued=True, command="resume", on_change=progress.update)
    run = Run(session, Output(json_lines=args.json), progress)
    try:
        return resume(run, args.jobs, args.paused)
    finally:
        session.close()


def cmd_watch(args: argparse.Namespace) -> int:
    args.queued = True
    conf = load_settings()
    target = resolve_target(args, conf)
    options = QueueOptions(endpoint=target.endpoint if target.own_endpoint else None)
    session = make_session(conf, queued=True, command="watch", on_change=lambda item: None)
    session.set_runtime_key(target.profile, target.key)
    try:
        return watch(args, session, target.profile, options)
    finally:
        session.close()


def cmd_clean(args: argparse.Namespace) -> int:
    session = make_session(load_settings(), queued=True, command="clean", on_change=lambda item: None)
    try:
        cleaned = session.remove_partial_downloads(older_than=args.older_than * 86400)
    finally:
        session.close()
    Output(json_lines=args.json).write(
        [str(cleaned.files), str(cleaned.bytes)], {"removed_files": cleaned.files, "removed_bytes": cleaned.bytes}
    )
    return EXIT_OK


def cmd_info(args: argparse.Namespace) -> int:
    Output().text(json.dumps(connect(args).asset_info(args.asset_id).raw, indent=2, ensure_ascii=False))
    return EXIT_OK


def cmd_search(args: argparse.Namespace) -> int:
    provider, output = connect(args), Output(json_lines=args.json)
    shown, page, cursor = 0, 1, None
    while shown < args.limit:
        results = provider.search(args.text, page=page, cursor=cursor, page_size=min(args.limit, 100))
        for item in results.items[: args.limit - shown]:
            size = "" if item.size is None else str(item.size)
            output.write(
                [item.asset_id, item.name, size], {"asset_id": item.asset_id, "name": item.name, "size": item.size}
            )
            shown += 1
        if results.page >= results.total_pages or not results.items:
            break
        page, cursor = results.page + 1, results.cursor
    return EXIT_OK


def cmd_sandbox(args: argparse.Namespace) -> int:
    from .sandbox.server import Sandbox  # the sandbox and its dependencies load only for this command

    sandbox = Sandbox(
        args.data,
        port=args.port,
        storage_port=args.storage_port,
        api_key=args.api_key,
        storage_public_url=args.storage_public_url,
        rate_limits=args.rate_limits,
    )
    if args.processing_delay is not None:
        sandbox.processing_delay = max(0.0, args.processing_delay)
    # Both ports are bound on construction, so the addresses can be printed before serving.
    print(f"Sandbox API:     {sandbox.api_url}", flush=True)
    print(f"Sandbox API key: {sandbox.api_key}", flush=True)
    print(f"Xvid API:        {sandbox.xvid_url}", flush=True)
    print(f"Xvid client_id:  {sandbox.xvid_client_id}", flush=True)
    print(f"Xvid secret:     {sandbox.xvid_client_secret}", flush=True)
    print(f"memories.ai API: {sandbox.memories_url}", flush=True)
    print(f"memories.ai key: {sandbox.memories_key}", flush=True)
    print(f"Storage:         {sandbox.storage.endpoint}", flush=True)
    print(f"Data:            {args.data or '(temporary, deleted on exit)'}", flush=True)
    print("Press Ctrl+C to stop.", flush=True)
    if args.exit_with_parent:

        def watch_stdin() -> None:
            while sys.stdin.buffer.read(4096):
                pass
            os.kill(os.getpid(), signal.SIGTERM)  # serve_forever stops cleanly on SIGTERM

        threading.Thread(target=watch_stdin, daemon=True, name="parent-watch").start()
    sandbox.serve_forever()
    return EXIT_OK


COMMANDS = {
    "resume": cmd_resume,
    "clean": cmd_clean,
    "upload": cmd_upload,
    "download": cmd_download,
    "watch": cmd_watch,
    "info": cmd_info,
    "search": cmd_search,
    "sandbox": cmd_sandbox,
}


def main(argv: list[str] | None = None) -> int:
    args = build_parser().parse_args(argv)
    log_path = None
    logging.lastResort = None  # no stray tracebacks on stderr: failures are one line each, details in the log
    try:
        try:
            log_path = logsetup.configure(verbose=args.verbose)
        except (OSError, errors.ConfigError) as exc:  # an unwritable log folder must not stop the work
            logging.getLogger().addHandler(logging.NullHandler())
            failure(
                "log", f"cannot write the log file ({getattr(exc, 'strerror', None) or exc}); continuing without it"
            )
        return COMMANDS[args.command](args)
    except OutputClosed:
        silence_stdout()
        queued = " (queued transfers continue with `assetdrop-cli resume`)" if getattr(args, "queued", False) else ""
        failure("output", f"the reader of standard output has gone; stopped{queued}")
        return EXIT_OUTPUT_CLOSED
    except OptionError as exc:  # an option that does not fit, named by its flag here (not its window label)
        failure(exc.title, exc.for_command_line())
        return EXIT_FAILED
    except errors.AssetdropError as exc:
        failure(exc.title, exc.message)
        return EXIT_FAILED
    except KeyboardInterrupt:
        failure("interrupted", "stopped (queued transfers continue with `assetdrop-cli resume`)")
        return EXIT_INTERRUPTED
    except Exception as exc:  # a bug: one readable line here, the traceback in the log file
        log.exception("unexpected error")
        where = f" (details in {log_path})" if log_path else ""
        failure("internal error", f"{type(exc).__name__}: {exc}{where}")
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
