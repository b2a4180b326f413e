"""Typed errors: every failure a person can meet, as a short title plus a message they can act on.

Workers and the CLI show `title` and `message` and nothing else; the exception chain goes to the log file. Both are
Sentences (sentence.py): English for the CLI and the logs, translatable by the window (qt/core_text.py).
"""

from __future__ import annotations

from .sentence import translate


class AssetdropError(Exception):
    """Base of every error Assetdrop reports. `retryable` says whether trying again later may heal it."""

    title: str = translate("Errors", "Transfer failed")
    retryable = False

    def __init__(
        self,
        message: str,
        *,
        status: int | None = None,
        code: str | None = None,
        title: str | None = None,
        retry_after: float | None = None,
    ):
        super().__init__(message)
        self.message = message
        self.status = status
        self.code = code
        self.retry_after = retry_after
        if title is not None:
            self.title = title

    def __str__(self) -> str:
        return self.message


class NetworkError(AssetdropError):
    title = translate("Errors", "Network problem")
    retryable = True


class RequestTimeout(NetworkError):
    title = translate("Errors", "The server did not answer in time")


class ProxyProblem(NetworkError):
    """The proxy between this computer and the server could not be reached, or would not pass the request on."""

    title = translate("Errors", "Proxy problem")


class ProxyAuthError(ProxyProblem):
    """The proxy asked for a user name and password (407) and refused what it got: trying again cannot help, and
    repeated wrong passwords may lock the account."""

    title = translate("Errors", "The proxy refused the sign-in")
    retryable = False


class AuthError(AssetdropError):
    title = translate("Errors", "API key rejected")


class NotFoundError(AssetdropError):
    title = translate("Errors", "Not found")


class ConflictError(AssetdropError):
    title = translate("Errors", "Conflict")


class RateLimited(AssetdropError):
    title = translate("Errors", "Too many requests")
    retryable = True


class HeldBack(RateLimited):
    """Not sent at all: this process is holding calls until the server's Retry-After has passed (pacing.py).
    The transfer waits its turn; the wait is not one of its attempts."""

    title = translate("Errors", "Waiting for the server")


class ServerError(AssetdropError):
    title = translate("Errors", "Server error")
    retryable = True


class NotReady(AssetdropError):
    """The provider is still processing the asset (a download asked for too soon); it heals with time."""

    title = translate("Errors", "Still processing")
    retryable = True


class ProcessingFailed(AssetdropError):
    """The provider took the upload but could not process it (FileSpin ERROR, memories.ai FAILED)."""

    title = translate("Errors", "Processing failed")


class ClientRequestError(AssetdropError):
    """The server refused the request as malformed or not allowed (4xx other than the above)."""

    title = translate("Errors", "Request refused")


class ProtocolError(AssetdropError):
    """The server answered something we cannot use (HTML instead of JSON, a truncated body, missing fields)."""

    title = translate("Errors", "Unexpected answer from the server")
    retryable = True


class StorageError(AssetdropError):
    """Cloud storage (S3 or compatible) refused a presigned POST or GET; carries S3's own error code."""

    title = translate("Errors", "Storage refused the transfer")


class LinkExpired(StorageError):
    title = translate("Errors", "The link has expired")


class LocalFileError(AssetdropError):
    """Something on this computer: unreadable source, unwritable destination, full disk."""

    title = translate("Errors", "File problem")


class FileChangedError(LocalFileError):
    title = translate("Errors", "File changed while uploading")
    retryable = True


class TransferCancelled(AssetdropError):
    title = translate("Errors", "Cancelled")

    def __init__(self, message: str = ""):
        super().__init__(message or translate("Errors", "Cancelled"))


class CredentialsError(AssetdropError):
    title = translate("Errors", "No API key")


class KeyringUnavailable(CredentialsError):
    title = translate("Errors", "No keyring available")


class ConfigError(AssetdropError):
    title = translate("Errors", "Settings problem")


class WatchFolderMissing(LocalFileError):
    """A watched folder that is not there (removed, renamed, an unmounted share); watching waits for it."""

    title = translate("Errors", "Watch folder missing")
