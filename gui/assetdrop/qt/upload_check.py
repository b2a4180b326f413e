"""Before files are queued for upload: does the profile have what its provider needs to upload (an option declared
`needed_for=Applies.UPLOAD` in its spec, such as Xvid's pipeline ID)? If not, nothing is queued and the window says
which field to fill in, by its label and its box in Profiles, instead of every file failing with the same words.
The command line makes the same check and names the flag (cli.py `cmd_upload`).
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QCoreApplication

from ..core import errors
from ..core.providers.option_error import OptionError
from ..core.providers.registry import spec_for
from ..core.providers.spec import Applies
from .core_text import localize
from .provider_texts import translated
from .translations import fill


def missing(session: Any) -> str | None:
    """What the current profile lacks to upload, in the window's words; None when nothing is missing."""
    try:
        profile = session.current_profile
        spec_for(profile.kind).require(Applies.UPLOAD, profile.options)
    except OptionError as exc:
        option = exc.option
        label, group = translated(option.label), translated(getattr(option, "group", ""))
        if group:
            where = fill(QCoreApplication.translate("UploadCheck", "“%1” in the “%2” box"), label, group)
        else:
            where = fill(QCoreApplication.translate("UploadCheck", "“%1”"), label)
        return fill(
            QCoreApplication.translate("UploadCheck", "%1\n\nOpen Profiles and fill in %2, then add the files again."),
            exc.worded(lambda o: translated(o.label), localize),
            where,
        )
    except errors.ConfigError:
        return None  # no profile yet: the upload itself says so, as it always has
    return None
