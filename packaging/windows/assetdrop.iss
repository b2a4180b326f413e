; Inno Setup script for Assetdrop (Windows x64). Build on Windows after the PyInstaller bundle:
;   py -m PyInstaller --noconfirm packaging\assetdrop.spec
;   "C:\Program Files (x86)\Inno Setup 6\ISCC.exe" /DAppVersion=0.1.0 packaging\windows\assetdrop.iss
; (packaging\windows\build.ps1 does both and passes the version from pyproject.toml.)
; The .ico is rendered from the SVG by the spec into build\assetdrop\icons\.

#ifndef AppVersion
  #error Pass /DAppVersion=<version from pyproject.toml>
#endif
#define Root "..\.."

[Setup]
AppId={{6E3C2F0A-3A5B-4E0C-9B7E-A55E7D50D0C1}
AppName=Assetdrop
AppVersion={#AppVersion}
AppVerName=Assetdrop {#AppVersion}
AppPublisher=Assetdrop developers
AppPublisherURL=https://assetdrop.io/
DefaultDirName={autopf}\Assetdrop
DefaultGroupName=Assetdrop
DisableProgramGroupPage=yes
PrivilegesRequiredOverridesAllowed=dialog
ArchitecturesAllowed=x64compatible
ArchitecturesInstallIn64BitMode=x64compatible
OutputDir={#Root}\dist
OutputBaseFilename=assetdrop-{#AppVersion}-setup-x64
SetupIconFile={#Root}\build\assetdrop\icons\io.assetdrop.Assetdrop.ico
UninstallDisplayIcon={app}\assetdrop.exe
Compression=lzma2/max
SolidCompression=yes
WizardStyle=modern

[Languages]
Name: "english"; MessagesFile: "compiler:Default.isl"

[Tasks]
Name: "desktopicon"; Description: "{cm:CreateDesktopIcon}"; GroupDescription: "{cm:AdditionalIcons}"; Flags: unchecked

[Files]
Source: "{#Root}\dist\assetdrop\*"; DestDir: "{app}"; Flags: ignoreversion recursesubdirs createallsubdirs

[Icons]
Name: "{group}\Assetdrop"; Filename: "{app}\assetdrop.exe"; AppUserModelID: "io.assetdrop.Assetdrop"
Name: "{autodesktop}\Assetdrop"; Filename: "{app}\assetdrop.exe"; Tasks: desktopicon

[Run]
Filename: "{app}\assetdrop.exe"; Description: "{cm:LaunchProgram,Assetdrop}"; Flags: nowait postinstall skipifsilent
