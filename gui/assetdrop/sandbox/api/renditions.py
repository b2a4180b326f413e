"""What the sandbox's processing makes of an image: small JPEG renditions, served as conversion content keys.

FileSpin lists an asset's conversions in its data once it is processed, each by its content key
(docs/providers.md); the sandbox makes two for every image Pillow can read, `thumbnail` and `preview`, and none for
anything else. Pillow comes with the `sandbox` extra (pyproject.toml); without it (the packaged app), assets are
processed with no conversions. A hostile image cannot cost more than `MAX_PIXELS` of decoding.
"""

from __future__ import annotations

import io
import logging
import warnings

try:
    from PIL import Image
except ImportError:  # the packaged app's sandbox: processing without renditions
    Image = None  # type: ignore[assignment]

log = logging.getLogger("assetdrop.sandbox.api")

SIZES = {"thumbnail": 200, "preview": 800}  # content key -> longest side in pixels
MAX_SOURCE_BYTES = 64 * 1024 * 1024
MAX_PIXELS = 40_000_000


def available() -> bool:
    return Image is not None


def conversion_key(asset_id: str, content_key: str, name: str) -> str:
    stem = name.rsplit(".", 1)[0] if "." in name else name
    return f"conversions/{asset_id}/{content_key}/{content_key}__{stem[:180] or 'file'}.jpg"


def rendition_name(name: str, content_key: str) -> str:
    """The download name of a rendition: `photo.png` -> `photo-thumbnail.jpg`."""
    stem = name.rsplit(".", 1)[0] if "." in name.lstrip(".") else name
    return f"{stem or 'file'}-{content_key}.jpg"


def make(storage, asset) -> dict:
    """Render and store the renditions of `asset`; its `conversions` entry (empty when it is no readable image)."""
    if Image is None or not asset.content_type.startswith("image/") or asset.size > MAX_SOURCE_BYTES:
        return {}
    try:
        with storage.open(asset.key) as handle, warnings.catch_warnings():
            warnings.simplefilter("error", Image.DecompressionBombWarning)
            source = Image.open(handle)
            if source.width * source.height > MAX_PIXELS:
                return {}
            source.load()
    except Exception as exc:  # not an image after all, truncated, a decompression bomb: no renditions
        log.info("no renditions for %s: %s", asset.id, exc)
        return {}
    conversions = {}
    for content_key, side in SIZES.items():
        image = source.copy()
        image.thumbnail((side, side))
        if image.mode not in ("RGB", "L"):
            image = image.convert("RGB")
        out = io.BytesIO()
        image.save(out, "JPEG", quality=85)
        key = conversion_key(asset.id, content_key, asset.name)
        info = storage.put_object(key, out.getvalue(), "image/jpeg")
        conversions[content_key] = {
            "storage_type": "AMAZON_S3",
            "bucket": storage.bucket,
            "key": key,
            "width": image.width,
            "height": image.height,
            "size": info.size,
            "content_type": "image/jpeg",
            "public": False,
            "watermarked": False,
        }
    return conversions
