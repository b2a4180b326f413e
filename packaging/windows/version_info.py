"""Write PyInstaller's Windows version resource (file properties → Details) from pyproject's version.
Used by packaging/assetdrop.spec on Windows only."""

from __future__ import annotations

from pathlib import Path

TEMPLATE = """VSVersionInfo(
  ffi=FixedFileInfo(filevers={t}, prodvers={t}, mask=0x3f, flags=0x0, OS=0x40004, fileType=0x1, subtype=0x0,
                    date=(0, 0)),
  kids=[
    StringFileInfo([StringTable('040904B0', [
      StringStruct('CompanyName', 'Assetdrop developers'),
      StringStruct('FileDescription', 'Assetdrop'),
      StringStruct('FileVersion', '{v}'),
      StringStruct('InternalName', 'assetdrop'),
      StringStruct('OriginalFilename', 'assetdrop.exe'),
      StringStruct('ProductName', 'Assetdrop'),
      StringStruct('ProductVersion', '{v}')])]),
    VarFileInfo([VarStruct('Translation', [1033, 1200])])
  ]
)
"""


def write_version_file(path: Path, version: str) -> str:
    numbers = [int(part) for part in version.split(".")[:4] if part.isdigit()]
    numbers += [0] * (4 - len(numbers))
    path.parent.mkdir(parents=True, exist_ok=True)
    path.write_text(TEMPLATE.format(t=tuple(numbers), v=version), encoding="utf-8")
    return str(path)
