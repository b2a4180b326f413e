"""Typed errors: every failure a person can meet, as a short title plus a message they can act on.

Workers and the CLI show `title` and `message` and nothing else; the exception chain goes to the log file.
"""

from __future__ import annotations


class AssetdropError(Exception):
    """Base of every error Assetdrop reports. `retryable` says whether trying again later may heal it."""

    title = "Transfer failed"
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
    title = "Network problem"
    retryable = True


class RequestTimeout(NetworkError):
    title = "The server did not answer in time"


class ProxyProblem(NetworkError):
    """The proxy between this computer and the server could not be reached, or would not pass the request on."""

    title = "Proxy problem"


class ProxyAuthError(ProxyProblem):
    """The proxy asked for a user name and password (407) and refused what it got: trying again cannot help, and
    repeated wrong passwords may lock the account."""

    title = "The proxy refused the sign-in"
    retryable = False


class AuthError(AssetdropError):
    title = "API key rejected"


class NotFoundError(AssetdropError):
    title = "Not found"


class ConflictError(AssetdropError):
    title = "Conflict"


class RateLimited(AssetdropError):
    title = "Too many requests"
    retryable = True


class HeldBack(RateLimited):
    """Not sent at all: this process is holding calls until the server's Retry-After has passed (pacing.py).
    The transfer waits its turn; the wait is not one of its attempts."""

    title = "Waiting for the server"


class ServerError(AssetdropError):
    title = "Server error"
    retryable = True


class NotReady(AssetdropError):
    """The provider is still processing the asset (a download asked for too soon); it heals with time."""

    title = "Still processing"
    retryable = True


class ProcessingFailed(AssetdropError):
    """The provider took the upload but could not process it (FileSpin ERROR, memories.ai FAILED)."""

    title = "Processing failed"


class ClientRequestError(AssetdropError):
    """The server refused the request as malformed or not allowed (4xx other than the above)."""

    title = "Request refused"


class ProtocolError(AssetdropError):
    """The server answered something we cannot use (HTML instead of JSON, a truncated body, missing fields)."""

    title = "Unexpected answer from the server"
    retryable = True


class StorageError(AssetdropError):
    """Cloud storage (S3 or compatible) refused a presigned POST or GET; carries S3's own error code."""

    title = "Storage refused the transfer"


class LinkExpired(StorageError):
    title = "The link has expired"


class LocalFileError(AssetdropError):
    """Something on this computer: unreadable source, unwritable destination, full disk."""

    title = "File problem"


class FileChangedError(LocalFileError):
    title = "File changed while uploading"
    retryable = True


class TransferCancelled(AssetdropError):
    title = "Cancelled"

    def __init__(self, message: str = "Cancelled"):
        super().__init__(message)


class CredentialsError(AssetdropError):
    title = "No API key"


class KeyringUnavailable(CredentialsError):
    title = "No keyring available"


class ConfigError(AssetdropError):
    title = "Settings problem"


class WatchFolderMissing(LocalFileError):
    """A watched folder that is not there (removed, renamed, an unmounted share); watching waits for it."""

    title = "Watch folder missing"
