# Build the Windows installer: PyInstaller bundle, then Inno Setup. Run from the repository root in a venv that has
# `pip install -e .[packaging]`, with Inno Setup 6 installed. Output: dist\assetdrop-<version>-setup-x64.exe
$ErrorActionPreference = "Stop"
$version = (python -c "import tomllib; print(tomllib.load(open('pyproject.toml','rb'))['project']['version'])").Trim()
python -m PyInstaller --noconfirm packaging\assetdrop.spec
$iscc = "${env:ProgramFiles(x86)}\Inno Setup 6\ISCC.exe"
& $iscc "/DAppVersion=$version" packaging\windows\assetdrop.iss
# Smoke test of what was built (console output needs a console: the windowed exe writes to a pipe here)
& dist\assetdrop\assetdrop.exe --self-test --screenshot dist\self-test.png | Write-Output
if ($LASTEXITCODE -ne 0) { throw "self-test failed" }
