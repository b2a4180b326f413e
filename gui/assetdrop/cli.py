"""`assetdrop-cli`: headless upload, download, info, search and the sandbox server, over the same core as the app.

Output is made for pipes: one `ASSET_ID<TAB>PATH` line per file on stdout, one readable line per failure on
stderr, a progress line only when stderr is a terminal, and a non-zero exit status if anything failed.
"""

from __future__ import annotations

import argparse
import json
import logging
import os
import signal
import sys
import threading
from concurrent.futures import ThreadPoolExecutor, as_completed
from pathlib import Path

from . import __version__
from .core import errors, logsetup, settings
from .core.credentials import CredentialStore, resolve_api_key
from .core.local_files import expand_paths
from .core.providers.registry import make_http, make_provider
from .core.transfer.download import ConflictChoice, ConflictPolicy
from .core.transfer.progress import CancelToken
from .cli_progress import TerminalProgress

log = logging.getLogger("assetdrop.cli")

EXIT_OK, EXIT_FAILED, EXIT_USAGE, EXIT_INTERRUPTED = 0, 1, 2, 130


def _parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(prog="assetdrop-cli", description=__doc__.splitlines()[0])
    parser.add_argument("--version", action="version", version=f"assetdrop-cli {__version__}")
    parser.add_argument("--api-url", help="API base URL (overrides the profile's)")
    parser.add_argument("--profile", help="profile name (default: the current profile)")
    parser.add_argument("--kind", choices=settings.PROVIDER_KINDS,
                        help="provider kind for --api-url (default: the profile's, else filespin). The key comes "
                             "from ASSETDROP_API_KEY or the keyring; for xvid a bare token or JSON "
                             '{"client_id": ..., "client_secret": ...}')
    parser.add_argument("-j", "--jobs", type=int, default=4, help="transfers at once (default 4)")
    parser.add_argument("-v", "--verbose", action="store_true", help="log details to stderr too")
    sub = parser.add_subparsers(dest="command", required=True, metavar="COMMAND")

    resume = sub.add_parser("resume", help="finish what earlier --queued runs left unfinished")
    resume.add_argument("--paused", action="store_true", help="also resume items that were paused")

    up = sub.add_parser("upload", help="upload files and folders (recursive)")
    up.add_argument("--queued", action="store_true",
                    help="go through the persistent queue: if this command is killed, `resume` finishes the job "
                         "(each file registered exactly once)")
    up.add_argument("paths", nargs="+", metavar="PATH")
    up.add_argument("--pipeline-id", help="xvid: pipeline the upload belongs to")
    up.add_argument("--upload-method", choices=("POST", "PUT"), help="memories: how to send to the signed URL")

    down = sub.add_parser("download", help="download assets by ID")
    down.add_argument("--queued", action="store_true",
                      help="go through the persistent queue: `resume` continues interrupted downloads from their "
                           ".part files")
    down.add_argument("asset_ids", nargs="*", metavar="ASSET_ID")
    down.add_argument("--dest", type=Path, help="destination folder (default: the download folder in settings)")
    down.add_argument("--no-verify", dest="verify", action="store_false", default=None,
                      help="skip the MD5 check against the storage's checksum (default: the app's setting, on)")
    down.add_argument("--conflict", choices=[p.value for p in ConflictPolicy], default=None,
                      help="when the file exists (default: rename to 'name (1).ext')")
    link = down.add_argument_group("Xvid link options")
    link.add_argument("--object-key", help="download this object key (with --pipeline-id) instead of an ID")
    link.add_argument("--pipeline-id", help="pipeline the object key is relative to")
    link.add_argument("--expiry-time", help="link expiry: epoch seconds UTC, +SECONDS, or ISO-8601")
    link.add_argument("--redirect", action="store_true", default=None, help="ask for a 302 instead of JSON")
    link.add_argument("--format", choices=("json", "xml"), help="answer format")
    link.add_argument("--human", action="store_true", default=None, help="pretty answers")
    link.add_argument("--streaming", action="store_true", default=None, help="in-browser stream links")
    link.add_argument("--ip", help="IPv4 address the link is for (sent as a 32-bit integer)")
    link.add_argument("--autograph-tag", help="AutoGraph tag (files with autograph enabled only)")
    link.add_argument("--anti-fraud", action="store_true", default=None, help="link-sharing prevention")
    link.add_argument("--max-parallel-downloads", type=int, help="concurrent downloads allowed (also ours)")

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
    sandbox.add_argument("--exit-with-parent", action="store_true",
                         help="stop when standard input closes (the app that started it has gone)")
    return parser


class Context:
    """What every network command needs: one HTTP client and the provider for the chosen profile."""

    def __init__(self, args):
        conf = settings.load()
        if args.api_url:
            profile = settings.Profile(name=args.profile or "command-line", base_url=args.api_url)
            if args.profile:
                try:
                    stored = conf.profile(args.profile)
                    profile.kind, profile.options = stored.kind, dict(stored.options)
                except errors.ConfigError:
                    pass
            if getattr(args, "kind", None):
                profile.kind = args.kind
        elif args.profile or conf.current_profile:
            profile = conf.profile(args.profile)
        else:
            raise errors.ConfigError("No profile is set up. Pass --api-url URL and set ASSETDROP_API_KEY, "
                                     "or create a profile in the Assetdrop app.")
        key = resolve_api_key(CredentialStore(), args.profile or (None if args.api_url else profile.name))
        logsetup.register_secret(key)
        self.profile, self.key = profile, key
        options = profile.options = dict(profile.options or {})
        if getattr(args, "pipeline_id", None):
            options["pipeline_id"] = args.pipeline_id
        if getattr(args, "upload_method", None):
            options["upload_method"] = args.upload_method
        self.kind = profile.kind
        self.settings = conf
        self.http = make_http(profile, pool_size=max(args.jobs, 1))
        self.provider = make_provider(profile, key, self.http)
        self.cancel = CancelToken()


def _fail(path_or_id, exc: errors.AssetdropError) -> None:
    print(f"assetdrop-cli: {path_or_id}: {exc.message}", file=sys.stderr, flush=True)


def _run_parallel(ctx: Context, items, work, describe, jobs: int, progress: TerminalProgress) -> int:
    failures = 0
    with ThreadPoolExecutor(max_workers=max(1, jobs), thread_name_prefix="transfer") as pool:
        futures = {pool.submit(work, item): item for item in items}
        try:
            for future in as_completed(futures):
                item = futures[future]
                try:
                    line = describe(item, future.result())
                except errors.TransferCancelled:
                    failures += 1
                    continue
                except errors.AssetdropError as exc:
                    failures += 1
                    progress.file_failed(item)
                    progress.clear()
                    _fail(item, exc)
                    log.warning("%s failed: %s", item, exc.message, exc_info=exc)
                    continue
                progress.clear()
                print(line, flush=True)
        except KeyboardInterrupt:
            ctx.cancel.cancel()
            for future in futures:
                future.cancel()
            raise
    progress.close()
    return failures


def cmd_upload(args) -> int:
    expansion = expand_paths(args.paths)
    failures = len(expansion.problems)
    for path, reason in expansion.problems:
        print(f"assetdrop-cli: {path}: {reason}", file=sys.stderr)
    if not expansion.files:
        return EXIT_FAILED if failures else EXIT_OK
    ctx = Context(args)
    if args.queued:
        session = _queued_session(ctx)
        session.queue.add_uploads(expansion.files, ctx.profile.name)
        return max(_drain(session, args.jobs), EXIT_FAILED if failures else EXIT_OK)
    sizes = {path: _size(path) for path in expansion.files}
    progress = TerminalProgress(total_files=len(sizes), total_bytes=sum(sizes.values()))

    def work(path: Path):
        return ctx.provider.upload(path, progress=progress.callback_for(path), cancel=ctx.cancel)

    failures += _run_parallel(ctx, expansion.files, work, lambda path, r: f"{r.asset_id}\t{path}", args.jobs,
                              progress)
    return EXIT_FAILED if failures else EXIT_OK


def _size(path: Path) -> int:
    try:
        return path.stat().st_size
    except OSError:
        return 0


LINK_OPTIONS = ("object_key", "expiry_time", "redirect", "format", "human", "streaming", "ip", "autograph_tag",
                "anti_fraud", "max_parallel_downloads")


def _link_options(args, ctx):
    """The Xvid link options given on the command line over the profile's defaults, or None if none given."""
    given = {name: getattr(args, name) for name in LINK_OPTIONS if getattr(args, name) is not None}
    if not given:
        return None
    if ctx.kind != "xvid":
        raise errors.ConfigError(f"--{next(iter(given)).replace('_', '-')} is an Xvid link option; this profile "
                                 f"uses {ctx.kind}.")
    from .core.providers.xvid_links import parse_expiry

    if "expiry_time" in given:
        given["expiry_time"] = parse_expiry(given["expiry_time"])
    if "object_key" in given:
        given["pipeline_id"] = args.pipeline_id
    options = ctx.provider.link_options.merged(**given)
    options.validate()
    return options


def cmd_download(args) -> int:
    ctx = Context(args)
    link_options = _link_options(args, ctx)
    ids = list(args.asset_ids)
    if not ids:
        if not args.object_key:
            raise errors.ConfigError("Give at least one ASSET_ID (or, for Xvid, --object-key with --pipeline-id).")
        ids = [""]  # the object key names the file
    if args.queued:
        if link_options is not None:
            raise errors.ConfigError("--queued downloads use the profile's link options; drop the link flags.")
        session = _queued_session(ctx)  # each item keeps the flags given: `resume` downloads it the same way
        session.queue.add_downloads(list(dict.fromkeys(ids)), ctx.profile.name,
                                    dest=Path(args.dest).resolve() if args.dest else None,
                                    conflict=ConflictPolicy(args.conflict) if args.conflict else None,
                                    verify=args.verify)
        return _drain(session, args.jobs)
    dest = args.dest or ctx.settings.effective_download_dir()
    policy = _conflict_policy(args.conflict or ctx.settings.conflict_policy)
    ctx.provider.verify_downloads = ctx.settings.verify_downloads if args.verify is None else args.verify
    progress = TerminalProgress(total_files=len(ids), total_bytes=None)
    extra = {"link_options": link_options} if link_options is not None else {}

    def work(asset_id: str):
        return ctx.provider.download(asset_id, dest, conflict=policy, progress=progress.callback_for(asset_id),
                                     cancel=ctx.cancel, **extra)

    def describe(asset_id, result):
        return f"{asset_id or args.object_key}\t{result.path}" + ("\t(skipped: exists)" if result.skipped else "")

    failures = _run_parallel(ctx, list(dict.fromkeys(ids)), work, describe, args.jobs, progress)
    return EXIT_FAILED if failures else EXIT_OK


def _conflict_policy(value: str) -> ConflictChoice:
    """The settings may say "ask" (the window asks); a command cannot stop to ask, so it keeps both, and says
    so once, when a name is first found taken."""
    if value in {policy.value for policy in ConflictPolicy}:
        return ConflictPolicy(value)
    lock, said = threading.Lock(), []

    def keep_both(path: Path) -> ConflictPolicy:
        with lock:
            if not said:
                said.append(path)
                print(f"assetdrop-cli: {path.name} exists; the settings say {value!r}, which only the window can "
                      f"do, so both are kept (choose with --conflict)", file=sys.stderr, flush=True)
        return ConflictPolicy.RENAME
    return keep_both


def _queued_session(ctx: Context):
    from .core.session import AppSession

    ctx.settings.upsert(ctx.profile)  # queued items name their profile; `resume` finds it again here
    settings.save(ctx.settings)
    session = AppSession(ctx.settings)
    session.set_runtime_key(ctx.profile.name, ctx.key)
    asker = _conflict_policy(ctx.settings.conflict_policy)
    session.ask_conflict = asker if callable(asker) else None  # "ask" in the settings: keep both, say so
    return session


def _drain(session, jobs: int) -> int:
    """Work the persistent queue until idle; one stdout line per success, one stderr line per failure."""
    from .core.queue.items import Direction, Status
    from .core.queue.runner import run_until_idle

    failures = []
    lock = threading.Lock()

    def finished(item) -> None:
        with lock:
            if item.status is Status.DONE:
                where = item.source if item.direction is Direction.UPLOAD else item.saved_path
                print(f"{item.asset_id}\t{where}", flush=True)
            elif item.status is not Status.PAUSED:
                failures.append(item)
                print(f"assetdrop-cli: {item.source}: {item.error_message or item.status_text}", file=sys.stderr,
                      flush=True)

    try:
        run_until_idle(session, jobs=jobs, on_finished=finished)
    finally:
        session.close()
    return EXIT_FAILED if failures else EXIT_OK


def cmd_resume(args) -> int:
    ctx = Context(args)
    session = _queued_session(ctx)
    recovered = session.queue.recover(session.store.unfinished(), resume=True, include_paused=args.paused)
    if not recovered:
        session.close()
        return EXIT_OK
    return _drain(session, args.jobs)


def cmd_info(args) -> int:
    ctx = Context(args)
    print(json.dumps(ctx.provider.asset_info(args.asset_id).raw, indent=2, ensure_ascii=False))
    return EXIT_OK


def cmd_search(args) -> int:
    ctx = Context(args)
    shown, page, cursor = 0, 1, None
    while shown < args.limit:
        results = ctx.provider.search(args.text, page=page, cursor=cursor, page_size=min(args.limit, 100))
        for item in results.items[: args.limit - shown]:
            print(f"{item.asset_id}\t{item.name}\t{'' if item.size is None else item.size}", flush=True)
            shown += 1
        if results.page >= results.total_pages or not results.items:
            break
        page, cursor = results.page + 1, results.cursor
    return EXIT_OK


def cmd_sandbox(args) -> int:
    from .sandbox.server import Sandbox

    sandbox = Sandbox(args.data, port=args.port, storage_port=args.storage_port, api_key=args.api_key)
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


COMMANDS = {"resume": cmd_resume, "upload": cmd_upload, "download": cmd_download, "info": cmd_info, "search": cmd_search,
            "sandbox": cmd_sandbox}


def main(argv: list[str] | None = None) -> int:
    args = _parser().parse_args(argv)
    log_path = None
    logging.lastResort = None  # no stray tracebacks on stderr: failures are one line each, details in the log
    try:
        try:
            log_path = logsetup.configure(verbose=args.verbose)
        except (OSError, errors.ConfigError) as exc:  # an unwritable log folder must not stop the work
            logging.getLogger().addHandler(logging.NullHandler())
            print(f"assetdrop-cli: cannot write the log file ({getattr(exc, 'strerror', None) or exc}); "
                  f"continuing without it", file=sys.stderr)
        return COMMANDS[args.command](args)
    except errors.AssetdropError as exc:
        print(f"assetdrop-cli: {exc.title}: {exc.message}", file=sys.stderr)
        return EXIT_FAILED
    except KeyboardInterrupt:
        print("assetdrop-cli: interrupted", file=sys.stderr)
        return EXIT_INTERRUPTED
    except Exception as exc:  # a bug: one readable line here, the traceback in the log file
        log.exception("unexpected error")
        where = f" (details in {log_path})" if log_path else ""
        print(f"assetdrop-cli: internal error: {type(exc).__name__}: {exc}{where}", file=sys.stderr)
        return EXIT_FAILED


if __name__ == "__main__":
    sys.exit(main())
