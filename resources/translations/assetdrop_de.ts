<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="de_DE">
<context>
    <name>Accessible</name>
    <message>
        <source>Keep the changes and close the dialog</source>
        <translation>Die Änderungen übernehmen und den Dialog schließen</translation>
    </message>
    <message>
        <source>Close the dialog without keeping the changes</source>
        <translation>Den Dialog schließen, ohne die Änderungen zu übernehmen</translation>
    </message>
    <message>
        <source>Close the dialog</source>
        <translation>Den Dialog schließen</translation>
    </message>
</context>
<context>
    <name>App</name>
    <message>
        <source>Assetdrop hit a problem</source>
        <translation>Assetdrop ist auf ein Problem gestoßen</translation>
    </message>
    <message>
        <source>Something went wrong inside Assetdrop (%1). The window keeps running; details are in %2.</source>
        <translation>In Assetdrop ist etwas schiefgegangen (%1). Das Fenster läuft weiter; Einzelheiten stehen in %2.</translation>
    </message>
    <message>
        <source>Settings were damaged</source>
        <translation>Einstellungen waren beschädigt</translation>
    </message>
    <message>
        <source>The settings file could not be read. It was moved to %1, and Assetdrop starts with its defaults: add your profiles again in Profiles (the keys are still in the keyring).</source>
        <translation>Die Einstellungsdatei konnte nicht gelesen werden. Sie wurde nach %1 verschoben, und Assetdrop startet mit den Standardeinstellungen: Legen Sie Ihre Profile unter „Profile“ erneut an (die Schlüssel sind noch im Schlüsselbund).</translation>
    </message>
    <message>
        <source>Sandbox unavailable</source>
        <translation>Sandbox nicht verfügbar</translation>
    </message>
    <message>
        <source>The built-in sandbox could not start (%1). Choose another profile in Profiles.</source>
        <translation>Die eingebaute Sandbox konnte nicht starten (%1). Wählen Sie unter „Profile“ ein anderes Profil.</translation>
    </message>
    <message>
        <source>The transfer queue could not be read; it was moved to %1 and a new one started.</source>
        <translation>Die Warteschlange konnte nicht gelesen werden; sie wurde nach %1 verschoben und eine neue angelegt.</translation>
    </message>
</context>
<context>
    <name>AssetDetails</name>
    <message>
        <source>%1 (%2 bytes)</source>
        <translation>%1 (%2 Bytes)</translation>
    </message>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Asset ID</source>
        <translation>Asset-ID</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Uploaded</source>
        <translation>Hochgeladen</translation>
    </message>
    <message>
        <source>Checksum</source>
        <translation>Prüfsumme</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Renditions</source>
        <translation>Varianten</translation>
    </message>
    <message>
        <source>More from the provider</source>
        <translation>Weitere Angaben des Anbieters</translation>
    </message>
</context>
<context>
    <name>Background</name>
    <message>
        <source>Something went wrong inside Assetdrop ({kind}). Details are in the log file.</source>
        <translation>In Assetdrop ist etwas schiefgegangen ({kind}). Einzelheiten stehen in der Protokolldatei.</translation>
    </message>
    <message>
        <source>Internal error</source>
        <translation>Interner Fehler</translation>
    </message>
</context>
<context>
    <name>BrowsePanel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Type</source>
        <translation>Typ</translation>
    </message>
    <message>
        <source>Uploaded</source>
        <translation>Hochgeladen</translation>
    </message>
    <message>
        <source>Asset ID</source>
        <translation>Asset-ID</translation>
    </message>
    <message>
        <source>Asset ID to look up</source>
        <translation>Nachzuschlagende Asset-ID</translation>
    </message>
    <message>
        <source>Type or paste an asset ID, then press Enter to look it up</source>
        <translation>Asset-ID eingeben oder einfügen, dann mit der Eingabetaste nachschlagen</translation>
    </message>
    <message>
        <source>Look up</source>
        <translation>Nachschlagen</translation>
    </message>
    <message>
        <source>Show the asset with the ID typed beside it</source>
        <translation>Das Asset mit der daneben eingegebenen ID anzeigen</translation>
    </message>
    <message>
        <source>Search by name (Ctrl+F)</source>
        <translation>Nach Namen suchen (Strg+F)</translation>
    </message>
    <message>
        <source>Search text</source>
        <translation>Suchtext</translation>
    </message>
    <message>
        <source>Part of an asset&apos;s name; press Enter to search</source>
        <translation>Ein Teil des Asset-Namens; mit der Eingabetaste suchen</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suchen</translation>
    </message>
    <message>
        <source>Search the assets by name</source>
        <translation>Assets nach Namen durchsuchen</translation>
    </message>
    <message>
        <source>Recent uploads</source>
        <translation>Letzte Uploads</translation>
    </message>
    <message>
        <source>List the assets uploaded from this computer</source>
        <translation>Die von diesem Computer hochgeladenen Assets auflisten</translation>
    </message>
    <message>
        <source>‹ Previous</source>
        <translation>‹ Zurück</translation>
    </message>
    <message>
        <source>Previous page</source>
        <translation>Vorherige Seite</translation>
    </message>
    <message>
        <source>Show the previous page of search results</source>
        <translation>Die vorherige Seite der Suchergebnisse anzeigen</translation>
    </message>
    <message>
        <source>Next ›</source>
        <translation>Weiter ›</translation>
    </message>
    <message>
        <source>Next page</source>
        <translation>Nächste Seite</translation>
    </message>
    <message>
        <source>Show the next page of search results</source>
        <translation>Die nächste Seite der Suchergebnisse anzeigen</translation>
    </message>
    <message>
        <source>Browse status</source>
        <translation>Status der Suche</translation>
    </message>
    <message>
        <source>What the last look-up or search found</source>
        <translation>Was das letzte Nachschlagen oder die letzte Suche gefunden hat</translation>
    </message>
    <message>
        <source>Assets found</source>
        <translation>Gefundene Assets</translation>
    </message>
    <message>
        <source>The assets found; select some to download or copy them</source>
        <translation>Die gefundenen Assets; wählen Sie welche aus, um sie herunterzuladen oder zu kopieren</translation>
    </message>
    <message>
        <source>Asset details</source>
        <translation>Asset-Details</translation>
    </message>
    <message>
        <source>All the data the server holds for the selected asset</source>
        <translation>Alle Daten, die der Server zum ausgewählten Asset hat</translation>
    </message>
    <message>
        <source>Select an asset to see its data</source>
        <translation>Wählen Sie ein Asset aus, um seine Daten zu sehen</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Herunterladen</translation>
    </message>
    <message>
        <source>Copy ID</source>
        <translation>ID kopieren</translation>
    </message>
    <message>
        <source>Copy link</source>
        <translation>Link kopieren</translation>
    </message>
    <message>
        <source>Download the selected assets to the download folder</source>
        <translation>Die ausgewählten Assets in den Download-Ordner herunterladen</translation>
    </message>
    <message>
        <source>Copy the selected assets&apos; IDs</source>
        <translation>Die IDs der ausgewählten Assets kopieren</translation>
    </message>
    <message>
        <source>Copy a signed link to the selected asset</source>
        <translation>Einen signierten Link zum ausgewählten Asset kopieren</translation>
    </message>
    <message>
        <source>Version to download</source>
        <translation>Herunterzuladende Variante</translation>
    </message>
    <message>
        <source>The original file, or a version the provider made of it</source>
        <translation>Die Originaldatei oder eine Variante, die der Anbieter daraus erstellt hat</translation>
    </message>
    <message>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message>
        <source>Download &amp;to…</source>
        <translation>Herunterladen &amp;nach …</translation>
    </message>
    <message>
        <source>Download the selected assets into a folder chosen now</source>
        <translation>Die ausgewählten Assets in einen jetzt gewählten Ordner herunterladen</translation>
    </message>
    <message>
        <source>&amp;Grid</source>
        <translation>&amp;Raster</translation>
    </message>
    <message>
        <source>Show the results as pictures, or as a list</source>
        <translation>Die Ergebnisse als Bilder oder als Liste zeigen</translation>
    </message>
    <message numerus="yes">
        <source>%n recent upload(s) to %1 from this computer.</source>
        <translation>
            <numerusform>%n letzter Upload nach %1 von diesem Computer.</numerusform>
            <numerusform>%n letzte Uploads nach %1 von diesem Computer.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 cannot look assets up.</source>
        <translation>%1 kann keine Assets nachschlagen.</translation>
    </message>
    <message>
        <source>%1 offers no search.</source>
        <translation>%1 bietet keine Suche.</translation>
    </message>
    <message>
        <source>%1 offers no shareable links.</source>
        <translation>%1 bietet keine teilbaren Links.</translation>
    </message>
    <message>
        <source>%1 offers no downloads.</source>
        <translation>%1 bietet keine Downloads.</translation>
    </message>
    <message>
        <source>Looking up %1…</source>
        <translation>%1 wird nachgeschlagen …</translation>
    </message>
    <message>
        <source>Found %1.</source>
        <translation>%1 gefunden.</translation>
    </message>
    <message>
        <source>Searching…</source>
        <translation>Suche läuft …</translation>
    </message>
    <message numerus="yes">
        <source>%Ln asset(s) found.</source>
        <translation>
            <numerusform>%Ln Asset gefunden.</numerusform>
            <numerusform>%Ln Assets gefunden.</numerusform>
        </translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Page %1 of %2</source>
        <translation>Seite %1 von %2</translation>
    </message>
    <message>
        <source>Assets found, as pictures</source>
        <translation>Gefundene Assets, als Bilder</translation>
    </message>
    <message>
        <source>The assets found, as pictures; select some to download or copy them</source>
        <translation>Die gefundenen Assets als Bilder; wählen Sie welche aus, um sie herunterzuladen oder zu kopieren</translation>
    </message>
</context>
<context>
    <name>ConflictAsker</name>
    <message>
        <source>File exists</source>
        <translation>Datei existiert bereits</translation>
    </message>
    <message>
        <source>“%1” already exists in %2.</source>
        <translation>„%1“ existiert bereits in %2.</translation>
    </message>
    <message>
        <source>A downloaded file has the name of a file already in the folder</source>
        <translation>Eine heruntergeladene Datei hat denselben Namen wie eine Datei im Ordner</translation>
    </message>
    <message>
        <source>Keep both</source>
        <translation>Beide behalten</translation>
    </message>
    <message>
        <source>Save the download under a new name, such as name (1).ext</source>
        <translation>Den Download unter einem neuen Namen speichern, etwa name (1).ext</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>Überschreiben</translation>
    </message>
    <message>
        <source>Replace the file in the folder with the download</source>
        <translation>Die Datei im Ordner durch den Download ersetzen</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Überspringen</translation>
    </message>
    <message>
        <source>Keep the file in the folder and do not download this one</source>
        <translation>Die Datei im Ordner behalten und diese nicht herunterladen</translation>
    </message>
    <message>
        <source>Do this for the rest of this session</source>
        <translation>Für den Rest dieser Sitzung so verfahren</translation>
    </message>
    <message>
        <source>Give the same answer for every other file that exists</source>
        <translation>Dieselbe Antwort für jede weitere bereits vorhandene Datei geben</translation>
    </message>
</context>
<context>
    <name>DragStager</name>
    <message>
        <source>Another Assetdrop window runs the transfers: drag from that window to drop files.</source>
        <translation>Ein anderes Assetdrop-Fenster führt die Übertragungen aus: Ziehen Sie aus jenem Fenster, um Dateien abzulegen.</translation>
    </message>
    <message numerus="yes">
        <source>Downloading %n asset(s) for the drop…</source>
        <translation>
            <numerusform>Lade %n Asset für das Ablegen herunter…</numerusform>
            <numerusform>Lade %n Assets für das Ablegen herunter…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) or folder(s) handed to the drop.</source>
        <translation>
            <numerusform>%n Datei oder Ordner an das Ablegen übergeben.</numerusform>
            <numerusform>%n Dateien oder Ordner an das Ablegen übergeben.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DropZone</name>
    <message>
        <source>Drop zone</source>
        <translation>Ablagebereich</translation>
    </message>
    <message>
        <source>Drop files or folders here to upload them, or text with asset IDs to download them</source>
        <translation>Dateien oder Ordner hier ablegen, um sie hochzuladen, oder Text mit Asset-IDs, um sie herunterzuladen</translation>
    </message>
    <message>
        <source>Drop files or folders here to upload · drop or paste asset IDs to download</source>
        <translation>Dateien oder Ordner hier ablegen zum Hochladen · Asset-IDs ablegen oder einfügen zum Herunterladen</translation>
    </message>
</context>
<context>
    <name>Errors</name>
    <message>
        <source>Transfer failed</source>
        <translation>Übertragung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Network problem</source>
        <translation>Netzwerkproblem</translation>
    </message>
    <message>
        <source>The server did not answer in time</source>
        <translation>Der Server hat nicht rechtzeitig geantwortet</translation>
    </message>
    <message>
        <source>Proxy problem</source>
        <translation>Proxy-Problem</translation>
    </message>
    <message>
        <source>The proxy refused the sign-in</source>
        <translation>Der Proxy hat die Anmeldung abgelehnt</translation>
    </message>
    <message>
        <source>API key rejected</source>
        <translation>API-Schlüssel abgelehnt</translation>
    </message>
    <message>
        <source>Not found</source>
        <translation>Nicht gefunden</translation>
    </message>
    <message>
        <source>Conflict</source>
        <translation>Konflikt</translation>
    </message>
    <message>
        <source>Too many requests</source>
        <translation>Zu viele Anfragen</translation>
    </message>
    <message>
        <source>Waiting for the server</source>
        <translation>Warten auf den Server</translation>
    </message>
    <message>
        <source>Server error</source>
        <translation>Serverfehler</translation>
    </message>
    <message>
        <source>Still processing</source>
        <translation>Wird noch verarbeitet</translation>
    </message>
    <message>
        <source>Processing failed</source>
        <translation>Verarbeitung fehlgeschlagen</translation>
    </message>
    <message>
        <source>Request refused</source>
        <translation>Anfrage abgelehnt</translation>
    </message>
    <message>
        <source>Unexpected answer from the server</source>
        <translation>Unerwartete Antwort vom Server</translation>
    </message>
    <message>
        <source>Storage refused the transfer</source>
        <translation>Der Speicher hat die Übertragung abgelehnt</translation>
    </message>
    <message>
        <source>The link has expired</source>
        <translation>Der Link ist abgelaufen</translation>
    </message>
    <message>
        <source>File problem</source>
        <translation>Dateiproblem</translation>
    </message>
    <message>
        <source>File changed while uploading</source>
        <translation>Datei hat sich während des Hochladens geändert</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>No API key</source>
        <translation>Kein API-Schlüssel</translation>
    </message>
    <message>
        <source>No keyring available</source>
        <translation>Kein Schlüsselbund verfügbar</translation>
    </message>
    <message>
        <source>Settings problem</source>
        <translation>Problem mit den Einstellungen</translation>
    </message>
    <message>
        <source>Watch folder missing</source>
        <translation>Überwachter Ordner fehlt</translation>
    </message>
</context>
<context>
    <name>FailureNotice</name>
    <message>
        <source>Failed transfers not looked at</source>
        <translation>Noch nicht angesehene fehlgeschlagene Übertragungen</translation>
    </message>
    <message>
        <source>Show the Failed tab</source>
        <translation>Den Tab „Fehlgeschlagen“ anzeigen</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n fehlgeschlagen</numerusform>
            <numerusform>%n fehlgeschlagen</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Formatting</name>
    <message>
        <source>%1/s</source>
        <translation>%1/s</translation>
    </message>
    <message>
        <source>%1%</source>
        <translation>%1 %</translation>
    </message>
    <message>
        <source>%1 s</source>
        <translation>%1 s</translation>
    </message>
    <message>
        <source>%1 min %2 s</source>
        <translation>%1 min %2 s</translation>
    </message>
    <message>
        <source>%1 h %2 min</source>
        <translation>%1 h %2 min</translation>
    </message>
</context>
<context>
    <name>ItemTexts</name>
    <message>
        <source>Queued</source>
        <translation>In der Warteschlange</translation>
    </message>
    <message>
        <source>queued</source>
        <translation>in der Warteschlange</translation>
    </message>
    <message>
        <source>Preparing</source>
        <translation>Wird vorbereitet</translation>
    </message>
    <message>
        <source>preparing</source>
        <translation>wird vorbereitet</translation>
    </message>
    <message>
        <source>Uploading</source>
        <translation>Wird hochgeladen</translation>
    </message>
    <message>
        <source>uploading</source>
        <translation>wird hochgeladen</translation>
    </message>
    <message>
        <source>Registering</source>
        <translation>Wird registriert</translation>
    </message>
    <message>
        <source>registering</source>
        <translation>wird registriert</translation>
    </message>
    <message>
        <source>Processing</source>
        <translation>Wird verarbeitet</translation>
    </message>
    <message>
        <source>processing</source>
        <translation>wird verarbeitet</translation>
    </message>
    <message>
        <source>Downloading</source>
        <translation>Wird heruntergeladen</translation>
    </message>
    <message>
        <source>downloading</source>
        <translation>wird heruntergeladen</translation>
    </message>
    <message>
        <source>Retrying</source>
        <translation>Wird erneut versucht</translation>
    </message>
    <message>
        <source>retrying</source>
        <translation>wird erneut versucht</translation>
    </message>
    <message>
        <source>Paused</source>
        <translation>Pausiert</translation>
    </message>
    <message>
        <source>paused</source>
        <translation>pausiert</translation>
    </message>
    <message>
        <source>Done</source>
        <translation>Erledigt</translation>
    </message>
    <message>
        <source>done</source>
        <translation>erledigt</translation>
    </message>
    <message>
        <source>Skipped: the name is taken</source>
        <translation>Übersprungen: der Name ist vergeben</translation>
    </message>
    <message>
        <source>skipped, the name is taken</source>
        <translation>übersprungen, der Name ist vergeben</translation>
    </message>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>failed</source>
        <translation>fehlgeschlagen</translation>
    </message>
    <message>
        <source>Cancelled</source>
        <translation>Abgebrochen</translation>
    </message>
    <message>
        <source>cancelled</source>
        <translation>abgebrochen</translation>
    </message>
    <message>
        <source>Failed: %1</source>
        <translation>Fehlgeschlagen: %1</translation>
    </message>
    <message>
        <source>Processing %1:%2</source>
        <translation>Verarbeitung %1:%2</translation>
    </message>
    <message>
        <source>Ready</source>
        <translation>Bereit</translation>
    </message>
    <message>
        <source>Retrying in %1 s (attempt %2 of %3)</source>
        <translation>Neuer Versuch in %1 s (Versuch %2 von %3)</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Paused: restarts from the beginning</source>
        <translation>Pausiert: beginnt von vorn</translation>
    </message>
    <message>
        <source>Uploads cannot be continued part-way (the storage link takes the whole file in one request): Resume sends this file again from its first byte.</source>
        <translation>Uploads lassen sich nicht mittendrin fortsetzen (der Speicher-Link nimmt die ganze Datei in einer Anfrage an): „Fortsetzen“ sendet diese Datei erneut ab dem ersten Byte.</translation>
    </message>
    <message>
        <source>Skipped: %1 already exists and was left as it is.</source>
        <translation>Übersprungen: %1 existiert bereits und wurde unverändert gelassen.</translation>
    </message>
    <message>
        <source>Skipped: a file of that name already exists and was left as it is.</source>
        <translation>Übersprungen: Eine Datei dieses Namens existiert bereits und wurde unverändert gelassen.</translation>
    </message>
    <message>
        <source>Uploaded %1 (%2)</source>
        <translation>Hochgeladen am %1 (%2)</translation>
    </message>
    <message>
        <source>Downloaded %1 (%2)</source>
        <translation>Heruntergeladen am %1 (%2)</translation>
    </message>
    <message>
        <source>%1, saved to %2</source>
        <translation>%1, gespeichert unter %2</translation>
    </message>
    <message numerus="yes">
        <source>%n percent</source>
        <translation>
            <numerusform>%n Prozent</numerusform>
            <numerusform>%n Prozent</numerusform>
        </translation>
    </message>
    <message>
        <source>failed: %1</source>
        <translation>fehlgeschlagen: %1</translation>
    </message>
    <message numerus="yes">
        <source>retrying in %n second(s)</source>
        <translation>
            <numerusform>neuer Versuch in %n Sekunde</numerusform>
            <numerusform>neuer Versuch in %n Sekunden</numerusform>
        </translation>
    </message>
    <message>
        <source>asset ID %1</source>
        <translation>Asset-ID %1</translation>
    </message>
    <message>
        <source>, </source>
        <translation>, </translation>
    </message>
</context>
<context>
    <name>Languages</name>
    <message>
        <source>System</source>
        <translation>System</translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message>
        <source>Failed</source>
        <translation>Fehlgeschlagen</translation>
    </message>
    <message>
        <source>Uploads</source>
        <translation>Uploads</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>Downloads</translation>
    </message>
    <message>
        <source>Finished</source>
        <translation>Abgeschlossen</translation>
    </message>
    <message>
        <source>Assetdrop</source>
        <translation>Assetdrop</translation>
    </message>
    <message>
        <source>Queues</source>
        <translation>Warteschlangen</translation>
    </message>
    <message>
        <source>The transfer queues and Browse, one tab each</source>
        <translation>Die Warteschlangen und „Durchsuchen“, je ein Tab</translation>
    </message>
    <message>
        <source>Browse</source>
        <translation>Durchsuchen</translation>
    </message>
    <message>
        <source>Idle</source>
        <translation>Leerlauf</translation>
    </message>
    <message>
        <source>Total progress</source>
        <translation>Gesamtfortschritt</translation>
    </message>
    <message>
        <source>Queue owner</source>
        <translation>Besitzer der Warteschlange</translation>
    </message>
    <message>
        <source>Nothing was uploaded</source>
        <translation>Nichts wurde hochgeladen</translation>
    </message>
    <message>
        <source>Add files to upload</source>
        <translation>Dateien zum Hochladen hinzufügen</translation>
    </message>
    <message>
        <source>Add a folder to upload</source>
        <translation>Einen Ordner zum Hochladen hinzufügen</translation>
    </message>
    <message>
        <source>The clipboard holds no files and no asset IDs.</source>
        <translation>Die Zwischenablage enthält weder Dateien noch Asset-IDs.</translation>
    </message>
    <message numerus="yes">
        <source>Removed %n partial download(s) (%1).</source>
        <translation>
            <numerusform>%n unvollständiger Download entfernt (%1).</numerusform>
            <numerusform>%n unvollständige Downloads entfernt (%1).</numerusform>
        </translation>
    </message>
    <message>
        <source>No partial downloads to remove.</source>
        <translation>Keine unvollständigen Downloads zu entfernen.</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
    <message>
        <source>Another Assetdrop</source>
        <translation>Ein anderes Assetdrop</translation>
    </message>
    <message>
        <source>Queue run by %1</source>
        <translation>Warteschlange wird von %1 ausgeführt</translation>
    </message>
    <message>
        <source>%1 is running the transfer queue. New transfers are handed to it; this window takes the queue over when it ends.</source>
        <translation>%1 führt die Warteschlange aus. Neue Übertragungen werden dorthin übergeben; dieses Fenster übernimmt die Warteschlange, sobald es sich beendet.</translation>
    </message>
    <message numerus="yes">
        <source>The queue&apos;s previous owner has gone; this window now runs it (%n unfinished transfer(s)).</source>
        <translation>
            <numerusform>Der bisherige Besitzer der Warteschlange ist weg; dieses Fenster führt sie jetzt aus (%n unvollendete Übertragung).</numerusform>
            <numerusform>Der bisherige Besitzer der Warteschlange ist weg; dieses Fenster führt sie jetzt aus (%n unvollendete Übertragungen).</numerusform>
        </translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>%1 active · %2 · %3</source>
        <translation>%1 aktiv · %2 · %3</translation>
    </message>
    <message>
        <source>%1

Open Profiles to check or replace the key, then use Retry failed.</source>
        <translation>%1

Öffnen Sie „Profile“, um den Schlüssel zu prüfen oder zu ersetzen, und wählen Sie dann „Fehlgeschlagene erneut versuchen“.</translation>
    </message>
    <message>
        <source>Transfers finished with problems</source>
        <translation>Übertragungen mit Problemen abgeschlossen</translation>
    </message>
    <message>
        <source>%1 done, %2 failed.</source>
        <translation>%1 erledigt, %2 fehlgeschlagen.</translation>
    </message>
    <message>
        <source>Transfers finished</source>
        <translation>Übertragungen abgeschlossen</translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) done.</source>
        <translation>
            <numerusform>%n Datei erledigt.</numerusform>
            <numerusform>%n Dateien erledigt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>
…and %n more</source>
        <translation>
            <numerusform>
… und %n weiterer</numerusform>
            <numerusform>
… und %n weitere</numerusform>
        </translation>
    </message>
    <message>
        <source>Some items were skipped</source>
        <translation>Einige Einträge wurden übersprungen</translation>
    </message>
    <message>
        <source>These could not be added:
%1%2</source>
        <translation>Folgendes konnte nicht hinzugefügt werden:
%1%2</translation>
    </message>
    <message>
        <source>About Assetdrop</source>
        <translation>Über Assetdrop</translation>
    </message>
    <message>
        <source>&lt;b&gt;Assetdrop %1&lt;/b&gt;&lt;br&gt;Uploads and downloads for signed-link asset APIs.&lt;br&gt;&lt;br&gt;Qt %2 · PySide6 %3 · Python %4</source>
        <translation>&lt;b&gt;Assetdrop %1&lt;/b&gt;&lt;br&gt;Uploads und Downloads für Asset-APIs mit signierten Links.&lt;br&gt;&lt;br&gt;Qt %2 · PySide6 %3 · Python %4</translation>
    </message>
    <message>
        <source>Transfers are still running or queued. Quit anyway? They continue the next time Assetdrop starts, from where they stopped.</source>
        <translation>Es laufen noch Übertragungen oder sie warten in der Warteschlange. Trotzdem beenden? Sie werden beim nächsten Start von Assetdrop dort fortgesetzt, wo sie aufgehört haben.</translation>
    </message>
    <message>
        <source>Transfers are still running or queued. Quit anyway? They wait, paused, for the next time Assetdrop starts, from where they stopped.</source>
        <translation>Es laufen noch Übertragungen oder sie warten in der Warteschlange. Trotzdem beenden? Sie warten pausiert auf den nächsten Start von Assetdrop und werden dann dort fortgesetzt, wo sie aufgehört haben.</translation>
    </message>
    <message>
        <source>Transfers in progress</source>
        <translation>Übertragungen laufen</translation>
    </message>
    <message>
        <source>%1 (%2)</source>
        <translation>%1 (%2)</translation>
    </message>
    <message>
        <source>Add &amp;files…</source>
        <translation>&amp;Dateien hinzufügen …</translation>
    </message>
    <message>
        <source>Add f&amp;older…</source>
        <translation>&amp;Ordner hinzufügen …</translation>
    </message>
    <message>
        <source>&amp;Pause all</source>
        <translation>Alle &amp;pausieren</translation>
    </message>
    <message>
        <source>&amp;Resume all</source>
        <translation>Alle &amp;fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Cancel all</source>
        <translation>Alle &amp;abbrechen</translation>
    </message>
    <message>
        <source>Re&amp;try failed</source>
        <translation>Fehlgeschlagene &amp;erneut versuchen</translation>
    </message>
    <message>
        <source>C&amp;lear finished</source>
        <translation>Abgeschlossene entfe&amp;rnen</translation>
    </message>
    <message>
        <source>Remove done, skipped and cancelled rows from the list (failed rows stay)</source>
        <translation>Erledigte, übersprungene und abgebrochene Zeilen aus der Liste entfernen (fehlgeschlagene bleiben)</translation>
    </message>
    <message>
        <source>&amp;Profiles…</source>
        <translation>&amp;Profile …</translation>
    </message>
    <message>
        <source>&amp;Settings…</source>
        <translation>&amp;Einstellungen …</translation>
    </message>
    <message>
        <source>&amp;Find assets</source>
        <translation>Assets &amp;suchen</translation>
    </message>
    <message>
        <source>&amp;Paste asset IDs</source>
        <translation>Asset-IDs ein&amp;fügen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
    <message>
        <source>&amp;About Assetdrop</source>
        <translation>Ü&amp;ber Assetdrop</translation>
    </message>
    <message>
        <source>Current profile</source>
        <translation>Aktuelles Profil</translation>
    </message>
    <message>
        <source>Profile used for new transfers and browsing</source>
        <translation>Das Profil für neue Übertragungen und zum Durchsuchen</translation>
    </message>
    <message>
        <source>Main</source>
        <translation>Werkzeugleiste</translation>
    </message>
    <message>
        <source>Profiles</source>
        <comment>toolbar</comment>
        <translation>Profile</translation>
    </message>
    <message>
        <source>Add files</source>
        <comment>toolbar</comment>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>Add folder</source>
        <comment>toolbar</comment>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Pause all</source>
        <comment>toolbar</comment>
        <translation>Pausieren</translation>
    </message>
    <message>
        <source>Resume all</source>
        <comment>toolbar</comment>
        <translation>Fortsetzen</translation>
    </message>
    <message>
        <source>Cancel all</source>
        <comment>toolbar</comment>
        <translation>Abbrechen</translation>
    </message>
    <message>
        <source>Retry failed</source>
        <comment>toolbar</comment>
        <translation>Erneut versuchen</translation>
    </message>
    <message>
        <source>Clear finished</source>
        <comment>toolbar</comment>
        <translation>Aufräumen</translation>
    </message>
    <message>
        <source>&amp;File</source>
        <translation>&amp;Datei</translation>
    </message>
    <message>
        <source>&amp;Transfers</source>
        <translation>Ü&amp;bertragungen</translation>
    </message>
    <message>
        <source>Remove partial &amp;downloads</source>
        <translation>&amp;Unvollständige Downloads entfernen</translation>
    </message>
    <message>
        <source>Delete the temporary files of downloads that will not be continued</source>
        <translation>Die temporären Dateien von Downloads löschen, die nicht fortgesetzt werden</translation>
    </message>
    <message>
        <source>Clear &amp;history</source>
        <translation>&amp;Verlauf leeren</translation>
    </message>
    <message>
        <source>Remove every finished and failed row, from this run and earlier ones</source>
        <translation>Alle abgeschlossenen und fehlgeschlagenen Zeilen entfernen, aus dieser und früheren Sitzungen</translation>
    </message>
    <message>
        <source>T&amp;ools</source>
        <translation>E&amp;xtras</translation>
    </message>
    <message>
        <source>&amp;Help</source>
        <translation>&amp;Hilfe</translation>
    </message>
    <message>
        <source>Copy &amp;diagnostics</source>
        <translation>&amp;Diagnose kopieren</translation>
    </message>
</context>
<context>
    <name>OptionForm</name>
    <message>
        <source>Only where your provider&apos;s paths differ from its documented ones</source>
        <translation>Nur falls die Pfade Ihres Anbieters von den dokumentierten abweichen</translation>
    </message>
    <message>
        <source>default</source>
        <translation>Standard</translation>
    </message>
    <message>
        <source>default (%1)</source>
        <translation>Standard (%1)</translation>
    </message>
    <message>
        <source>Kept in memory until Assetdrop quits; type to replace</source>
        <translation>Bis zum Beenden von Assetdrop im Speicher gehalten; zum Ersetzen tippen</translation>
    </message>
    <message>
        <source>Stored in the keyring; type to replace</source>
        <translation>Im Schlüsselbund gespeichert; zum Ersetzen eintippen</translation>
    </message>
</context>
<context>
    <name>Plurals</name>
    <message numerus="yes">
        <source>%n unfinished transfer(s) from the last session resumed.</source>
        <translation>
            <numerusform>%n unvollendete Übertragung aus der letzten Sitzung fortgesetzt.</numerusform>
            <numerusform>%n unvollendete Übertragungen aus der letzten Sitzung fortgesetzt.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unfinished transfer(s) from the last session paused.</source>
        <translation>
            <numerusform>%n unvollendete Übertragung aus der letzten Sitzung pausiert.</numerusform>
            <numerusform>%n unvollendete Übertragungen aus der letzten Sitzung pausiert.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ProfileSaving</name>
    <message>
        <source>A profile needs a name and an address starting with https://.</source>
        <translation>Ein Profil braucht einen Namen und eine Adresse, die mit https:// beginnt.</translation>
    </message>
    <message>
        <source>Testing the connection before saving…</source>
        <translation>Verbindung wird vor dem Speichern getestet…</translation>
    </message>
    <message>
        <source>Saved “%1”. %2</source>
        <translation>„%1“ gespeichert. %2</translation>
    </message>
    <message>
        <source>Not saved yet. %1</source>
        <translation>Noch nicht gespeichert. %1</translation>
    </message>
    <message>
        <source>%1

Keep the key in memory until Assetdrop quits?</source>
        <translation>%1

Den Schlüssel bis zum Beenden von Assetdrop im Speicher behalten?</translation>
    </message>
    <message>
        <source>Saved “%1”.</source>
        <translation>„%1“ gespeichert.</translation>
    </message>
</context>
<context>
    <name>ProfilesDialog</name>
    <message>
        <source>Profiles</source>
        <translation>Profile</translation>
    </message>
    <message>
        <source>The saved profiles; select one to edit it</source>
        <translation>Die gespeicherten Profile; wählen Sie eines aus, um es zu bearbeiten</translation>
    </message>
    <message>
        <source>Profile name</source>
        <translation>Profilname</translation>
    </message>
    <message>
        <source>The name this profile is shown and chosen by</source>
        <translation>Der Name, unter dem dieses Profil angezeigt und ausgewählt wird</translation>
    </message>
    <message>
        <source>Provider</source>
        <translation>Anbieter</translation>
    </message>
    <message>
        <source>The asset platform this profile talks to</source>
        <translation>Die Asset-Plattform, mit der dieses Profil arbeitet</translation>
    </message>
    <message>
        <source>API address</source>
        <translation>API-Adresse</translation>
    </message>
    <message>
        <source>The address of the provider&apos;s API, starting with https://</source>
        <translation>Die Adresse der API des Anbieters, beginnend mit https://</translation>
    </message>
    <message>
        <source>Connection test result</source>
        <translation>Ergebnis des Verbindungstests</translation>
    </message>
    <message>
        <source>Add</source>
        <translation>Hinzufügen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Start a new profile with an empty form</source>
        <translation>Ein neues Profil mit leerem Formular beginnen</translation>
    </message>
    <message>
        <source>Remove the selected profile and its stored key</source>
        <translation>Das ausgewählte Profil und seinen gespeicherten Schlüssel entfernen</translation>
    </message>
    <message>
        <source>Test connection</source>
        <translation>Verbindung testen</translation>
    </message>
    <message>
        <source>Check the address and key on screen with the provider</source>
        <translation>Die angezeigte Adresse und den Schlüssel beim Anbieter prüfen</translation>
    </message>
    <message>
        <source>Save profile</source>
        <translation>Profil speichern</translation>
    </message>
    <message>
        <source>Test the connection, then save the profile on screen; its key goes to the keyring</source>
        <translation>Die Verbindung testen, dann das angezeigte Profil speichern; sein Schlüssel kommt in den Schlüsselbund</translation>
    </message>
    <message>
        <source>&amp;Name</source>
        <translation>&amp;Name</translation>
    </message>
    <message>
        <source>&amp;Provider</source>
        <translation>&amp;Anbieter</translation>
    </message>
    <message>
        <source>API &amp;address</source>
        <translation>API-A&amp;dresse</translation>
    </message>
    <message>
        <source>Remove the profile “%1” and its stored key?</source>
        <translation>Das Profil „%1“ und seinen gespeicherten Schlüssel entfernen?</translation>
    </message>
    <message>
        <source>Remove profile</source>
        <translation>Profil entfernen</translation>
    </message>
    <message>
        <source>Testing…</source>
        <translation>Wird getestet …</translation>
    </message>
    <message>
        <source>%1: %2</source>
        <translation>%1: %2</translation>
    </message>
</context>
<context>
    <name>ProviderTexts</name>
    <message>
        <source>FileSpin</source>
        <translation>FileSpin</translation>
    </message>
    <message>
        <source>API key</source>
        <translation>API-Schlüssel</translation>
    </message>
    <message>
        <source>The account&apos;s API key (X-FileSpin-Api-Key)</source>
        <translation>Der API-Schlüssel des Kontos (X-FileSpin-Api-Key)</translation>
    </message>
    <message>
        <source>Paste the API key</source>
        <translation>API-Schlüssel einfügen</translation>
    </message>
    <message>
        <source>Link lifetime (s)</source>
        <translation>Gültigkeit der Links (s)</translation>
    </message>
    <message>
        <source>Seconds a signed download link stays valid</source>
        <translation>Sekunden, die ein signierter Download-Link gültig bleibt</translation>
    </message>
    <message>
        <source>Downloads</source>
        <translation>Downloads</translation>
    </message>
    <message>
        <source>Requests a second</source>
        <translation>Anfragen pro Sekunde</translation>
    </message>
    <message>
        <source>API calls a second at most, shared by every transfer and by Browse (FileSpin documents about 30 a second); 0: no limit</source>
        <translation>Höchstens so viele API-Aufrufe pro Sekunde, geteilt von allen Übertragungen und „Durchsuchen“ (FileSpin dokumentiert etwa 30 pro Sekunde); 0: keine Grenze</translation>
    </message>
    <message>
        <source>Wait until processed</source>
        <translation>Auf die Verarbeitung warten</translation>
    </message>
    <message>
        <source>Wait until FileSpin has processed each upload (NOT_READY to OK); an ERROR fails the upload</source>
        <translation>Warten, bis FileSpin jeden Upload verarbeitet hat (NOT_READY bis OK); ein ERROR lässt den Upload fehlschlagen</translation>
    </message>
    <message>
        <source>Uploads</source>
        <translation>Uploads</translation>
    </message>
    <message>
        <source>CA bundle</source>
        <translation>CA-Bundle</translation>
    </message>
    <message>
        <source>Extra certificate authorities to trust for this profile (a PEM file or a hashed folder), added to the system&apos;s; verification is always on</source>
        <translation>Zusätzliche Zertifizierungsstellen, denen dieses Profil vertraut (eine PEM-Datei oder ein Hash-Ordner), ergänzend zu denen des Systems; die Prüfung ist immer eingeschaltet</translation>
    </message>
    <message>
        <source>optional: extra CA certificates (file or folder)</source>
        <translation>optional: zusätzliche CA-Zertifikate (Datei oder Ordner)</translation>
    </message>
    <message>
        <source>Proxy</source>
        <translation>Proxy</translation>
    </message>
    <message>
        <source>The proxy for this profile: system (the proxy environment variables, else the desktop&apos;s setting), none, or a proxy&apos;s address (http://host:port); NO_PROXY applies to system and to an address</source>
        <translation>Der Proxy dieses Profils: system (die Proxy-Umgebungsvariablen, sonst die Einstellung des Desktops), none (keiner) oder die Adresse eines Proxys (http://host:port); NO_PROXY gilt für system und für eine Adresse</translation>
    </message>
    <message>
        <source>system (default), none, or http://proxy.example:3128</source>
        <translation>system (Standard), none oder http://proxy.example:3128</translation>
    </message>
    <message>
        <source>Proxy user</source>
        <translation>Proxy-Benutzer</translation>
    </message>
    <message>
        <source>The user name the profile&apos;s proxy asks for (its password is kept in the keyring)</source>
        <translation>Der Benutzername, den der Proxy des Profils verlangt (sein Passwort liegt im Schlüsselbund)</translation>
    </message>
    <message>
        <source>only if the proxy asks for a sign-in</source>
        <translation>nur wenn der Proxy eine Anmeldung verlangt</translation>
    </message>
    <message>
        <source>Proxy password</source>
        <translation>Proxy-Passwort</translation>
    </message>
    <message>
        <source>The password the profile&apos;s proxy asks for, kept in the keyring with the key</source>
        <translation>Das Passwort, das der Proxy des Profils verlangt; es liegt mit dem Schlüssel im Schlüsselbund</translation>
    </message>
    <message>
        <source>Content storage url</source>
        <translation>Speicher-URL für Inhalte</translation>
    </message>
    <message>
        <source>Endpoint paths</source>
        <translation>Endpunkt-Pfade</translation>
    </message>
    <message>
        <source>Register asset</source>
        <translation>Asset registrieren</translation>
    </message>
    <message>
        <source>Asset data</source>
        <translation>Asset-Daten</translation>
    </message>
    <message>
        <source>Get link</source>
        <translation>Link abrufen</translation>
    </message>
    <message>
        <source>Get links</source>
        <translation>Links abrufen</translation>
    </message>
    <message>
        <source>Download</source>
        <translation>Download</translation>
    </message>
    <message>
        <source>Search</source>
        <translation>Suche</translation>
    </message>
    <message>
        <source>Search page</source>
        <translation>Suchseite</translation>
    </message>
    <message>
        <source>Xvid MediaHub</source>
        <translation>Xvid MediaHub</translation>
    </message>
    <message>
        <source>Token</source>
        <translation>Token</translation>
    </message>
    <message>
        <source>A Bearer token (instead of the client pair)</source>
        <translation>Ein Bearer-Token (statt des Client-Paars)</translation>
    </message>
    <message>
        <source>optional: a Bearer token instead of the client pair</source>
        <translation>optional: ein Bearer-Token statt des Client-Paars</translation>
    </message>
    <message>
        <source>Client ID</source>
        <translation>Client-ID</translation>
    </message>
    <message>
        <source>The app&apos;s client ID (Apps tab)</source>
        <translation>Die Client-ID der App (Tab „Apps“)</translation>
    </message>
    <message>
        <source>From the Apps tab of your MediaHub account</source>
        <translation>Aus dem Reiter „Apps“ Ihres MediaHub-Kontos</translation>
    </message>
    <message>
        <source>Client secret</source>
        <translation>Client-Geheimnis</translation>
    </message>
    <message>
        <source>The app&apos;s client secret, base64 (Apps tab)</source>
        <translation>Das Client-Geheimnis der App, Base64 (Tab „Apps“)</translation>
    </message>
    <message>
        <source>Base64 text from the Apps tab</source>
        <translation>Base64-Text aus dem Reiter „Apps“</translation>
    </message>
    <message>
        <source>optional</source>
        <translation>optional</translation>
    </message>
    <message>
        <source>Scope</source>
        <translation>Scope</translation>
    </message>
    <message>
        <source>OAuth scope asked for with the client pair</source>
        <translation>Der mit dem Client-Paar angefragte OAuth-Scope</translation>
    </message>
    <message>
        <source>Download authentication</source>
        <translation>Download-Authentifizierung</translation>
    </message>
    <message>
        <source>How downloads authenticate: HMAC-signed links when there is no token (auto), or always a Bearer token</source>
        <translation>Wie sich Downloads ausweisen: HMAC-signierte Links, wenn es kein Token gibt (auto), oder immer ein Bearer-Token</translation>
    </message>
    <message>
        <source>Signed links when there is no token</source>
        <translation>Signierte Links, wenn es kein Token gibt</translation>
    </message>
    <message>
        <source>Bearer token</source>
        <translation>Bearer-Token</translation>
    </message>
    <message>
        <source>Signed link lifetime (s)</source>
        <translation>Gültigkeit signierter Links (s)</translation>
    </message>
    <message>
        <source>Seconds an HMAC-signed download link stays valid</source>
        <translation>Sekunden, die ein HMAC-signierter Download-Link gültig bleibt</translation>
    </message>
    <message>
        <source>Download links</source>
        <translation>Download-Links</translation>
    </message>
    <message>
        <source>Pipeline ID</source>
        <translation>Pipeline-ID</translation>
    </message>
    <message>
        <source>The pipeline uploads belong to</source>
        <translation>Die Pipeline, zu der Uploads gehören</translation>
    </message>
    <message>
        <source>needed to upload</source>
        <translation>zum Hochladen nötig</translation>
    </message>
    <message>
        <source>Object key</source>
        <translation>Objektschlüssel</translation>
    </message>
    <message>
        <source>Object key of an upload; {name} is the file&apos;s name</source>
        <translation>Objektschlüssel eines Uploads; {name} ist der Name der Datei</translation>
    </message>
    <message>
        <source>uploads/{name} (the default)</source>
        <translation>uploads/{name} (die Voreinstellung)</translation>
    </message>
    <message>
        <source>optional: download this object key instead of a file ID</source>
        <translation>optional: diesen Objektschlüssel statt einer Datei-ID herunterladen</translation>
    </message>
    <message>
        <source>only with an object key</source>
        <translation>nur mit einem Objektschlüssel</translation>
    </message>
    <message>
        <source>Download this object key (with a pipeline ID) instead of a file ID</source>
        <translation>Diesen Objektschlüssel (mit einer Pipeline-ID) statt einer Datei-ID herunterladen</translation>
    </message>
    <message>
        <source>The pipeline the object key is relative to</source>
        <translation>Die Pipeline, auf die sich der Objektschlüssel bezieht</translation>
    </message>
    <message>
        <source>Links expire at</source>
        <translation>Links laufen ab um</translation>
    </message>
    <message>
        <source>When links expire: epoch seconds UTC, +SECONDS from now, or ISO-8601</source>
        <translation>Wann Links ablaufen: Epochensekunden UTC, +SEKUNDEN ab jetzt oder ISO-8601</translation>
    </message>
    <message>
        <source>+3600, epoch seconds or 2027-01-31T12:00:00Z</source>
        <translation>+3600, Epochensekunden oder 2027-01-31T12:00:00Z</translation>
    </message>
    <message>
        <source>Redirect to the file</source>
        <translation>Zur Datei weiterleiten</translation>
    </message>
    <message>
        <source>Ask for a 302 straight to the file instead of JSON</source>
        <translation>Eine 302-Weiterleitung direkt zur Datei statt JSON anfordern</translation>
    </message>
    <message>
        <source>Answer format</source>
        <translation>Antwortformat</translation>
    </message>
    <message>
        <source>The link answer&apos;s format</source>
        <translation>Das Format der Link-Antwort</translation>
    </message>
    <message>
        <source>JSON</source>
        <translation>JSON</translation>
    </message>
    <message>
        <source>XML</source>
        <translation>XML</translation>
    </message>
    <message>
        <source>Human-readable answers</source>
        <translation>Menschenlesbare Antworten</translation>
    </message>
    <message>
        <source>Streaming links</source>
        <translation>Streaming-Links</translation>
    </message>
    <message>
        <source>Links that stream in a browser</source>
        <translation>Links, die im Browser streamen</translation>
    </message>
    <message>
        <source>Client IP</source>
        <translation>Client-IP</translation>
    </message>
    <message>
        <source>The IPv4 address links are for (sent as a 32-bit integer)</source>
        <translation>Die IPv4-Adresse, für die Links gelten (als 32-Bit-Ganzzahl gesendet)</translation>
    </message>
    <message>
        <source>e.g. 192.0.2.10</source>
        <translation>z. B. 192.0.2.10</translation>
    </message>
    <message>
        <source>AutoGraph tag</source>
        <translation>AutoGraph-Tag</translation>
    </message>
    <message>
        <source>AutoGraph tag (files with AutoGraph enabled only)</source>
        <translation>AutoGraph-Tag (nur für Dateien mit aktiviertem AutoGraph)</translation>
    </message>
    <message>
        <source>Anti-fraud protection</source>
        <translation>Betrugsschutz</translation>
    </message>
    <message>
        <source>Link-sharing prevention</source>
        <translation>Schutz vor Link-Weitergabe</translation>
    </message>
    <message>
        <source>Parallel downloads</source>
        <translation>Parallele Downloads</translation>
    </message>
    <message>
        <source>Downloads of one archive at once (the server is told too)</source>
        <translation>Gleichzeitige Downloads eines Archivs (auch dem Server mitgeteilt)</translation>
    </message>
    <message>
        <source>API calls a second at most, shared by every transfer and by Browse (Xvid documents no limit); 0: no limit</source>
        <translation>Höchstens so viele API-Aufrufe pro Sekunde, geteilt von allen Übertragungen und „Durchsuchen“ (Xvid dokumentiert keine Grenze); 0: keine Grenze</translation>
    </message>
    <message>
        <source>Upload</source>
        <translation>Upload</translation>
    </message>
    <message>
        <source>Files</source>
        <translation>Dateien</translation>
    </message>
    <message>
        <source>File</source>
        <translation>Datei</translation>
    </message>
    <message>
        <source>memories.ai</source>
        <translation>memories.ai</translation>
    </message>
    <message>
        <source>The account&apos;s API key (sent as Authorization)</source>
        <translation>Der API-Schlüssel des Kontos (als Authorization gesendet)</translation>
    </message>
    <message>
        <source>Signed upload</source>
        <translation>Signierter Upload</translation>
    </message>
    <message>
        <source>How an upload is sent to the signed URL: a form with a file field (the vendor&apos;s sample), or the raw body</source>
        <translation>Wie ein Upload an die signierte URL geht: als Formular mit Dateifeld (das Beispiel des Anbieters) oder als reiner Inhalt</translation>
    </message>
    <message>
        <source>POST form with a file field (vendor sample)</source>
        <translation>POST-Formular mit Dateifeld (Beispiel des Anbieters)</translation>
    </message>
    <message>
        <source>PUT raw body</source>
        <translation>PUT mit reinem Inhalt</translation>
    </message>
    <message>
        <source>API calls a second at most, shared by every transfer and by Browse (memories.ai documents a limit but not its size: a cautious default); 0: no limit</source>
        <translation>Höchstens so viele API-Aufrufe pro Sekunde, geteilt von allen Übertragungen und „Durchsuchen“ (memories.ai dokumentiert eine Grenze, aber nicht ihre Höhe: ein vorsichtiger Standardwert); 0: keine Grenze</translation>
    </message>
    <message>
        <source>Wait until memories.ai reports each upload ready (SUCCESS); FAILED fails the upload</source>
        <translation>Warten, bis memories.ai jeden Upload als fertig meldet (SUCCESS); FAILED lässt den Upload fehlschlagen</translation>
    </message>
    <message>
        <source>Signed upload url</source>
        <translation>Signierte Upload-URL</translation>
    </message>
    <message>
        <source>Asset status</source>
        <translation>Asset-Status</translation>
    </message>
    <message>
        <source>API path of %1, relative to the API address</source>
        <translation>API-Pfad für %1, relativ zur API-Adresse</translation>
    </message>
</context>
<context>
    <name>SaveCheck</name>
    <message>
        <source>The address starts with http://: the key and the files would cross the network unencrypted. Use https:// unless you trust every network in between.</source>
        <translation>Die Adresse beginnt mit http://: Schlüssel und Dateien gingen unverschlüsselt durchs Netz. Verwenden Sie https://, sofern Sie nicht jedem Netz auf dem Weg vertrauen.</translation>
    </message>
    <message>
        <source>The connection test failed: %1: %2</source>
        <translation>Der Verbindungstest ist fehlgeschlagen: %1: %2</translation>
    </message>
    <message>
        <source>Save this profile?</source>
        <translation>Dieses Profil speichern?</translation>
    </message>
    <message>
        <source>You can save it anyway, or keep editing.</source>
        <translation>Sie können es trotzdem speichern oder weiter bearbeiten.</translation>
    </message>
    <message>
        <source>&amp;Save anyway</source>
        <translation>Trotzdem &amp;speichern</translation>
    </message>
    <message>
        <source>&amp;Keep editing</source>
        <translation>&amp;Weiter bearbeiten</translation>
    </message>
</context>
<context>
    <name>SelectionActions</name>
    <message>
        <source>Original</source>
        <translation>Original</translation>
    </message>
    <message numerus="yes">
        <source>Queued %n download(s).</source>
        <translation>
            <numerusform>%n Download in die Warteschlange gestellt.</numerusform>
            <numerusform>%n Downloads in die Warteschlange gestellt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Download to</source>
        <translation>Herunterladen nach</translation>
    </message>
    <message numerus="yes">
        <source>Queued %n download(s) to %1.</source>
        <translation>
            <numerusform>%n Download nach %1 in die Warteschlange gestellt.</numerusform>
            <numerusform>%n Downloads nach %1 in die Warteschlange gestellt.</numerusform>
        </translation>
    </message>
    <message>
        <source>Asset ID copied.</source>
        <translation>Asset-ID kopiert.</translation>
    </message>
    <message>
        <source>Getting a signed link…</source>
        <translation>Signierter Link wird geholt …</translation>
    </message>
    <message>
        <source>Signed link copied (valid for a limited time).</source>
        <translation>Signierter Link kopiert (zeitlich begrenzt gültig).</translation>
    </message>
</context>
<context>
    <name>SettingsDialog</name>
    <message>
        <source>Keep both (name (1).ext)</source>
        <translation>Beide behalten (name (1).ext)</translation>
    </message>
    <message>
        <source>Overwrite</source>
        <translation>Überschreiben</translation>
    </message>
    <message>
        <source>Skip</source>
        <translation>Überspringen</translation>
    </message>
    <message>
        <source>Ask each time</source>
        <translation>Jedes Mal fragen</translation>
    </message>
    <message>
        <source>Settings</source>
        <translation>Einstellungen</translation>
    </message>
    <message>
        <source>Transfers at once</source>
        <translation>Gleichzeitige Übertragungen</translation>
    </message>
    <message>
        <source>How many files are uploaded or downloaded at the same time</source>
        <translation>Wie viele Dateien gleichzeitig hoch- oder heruntergeladen werden</translation>
    </message>
    <message>
        <source>Download folder</source>
        <translation>Download-Ordner</translation>
    </message>
    <message>
        <source>Where downloaded files are saved</source>
        <translation>Wo heruntergeladene Dateien gespeichert werden</translation>
    </message>
    <message>
        <source>Choose…</source>
        <translation>Auswählen …</translation>
    </message>
    <message>
        <source>Choose the download folder</source>
        <translation>Den Download-Ordner auswählen</translation>
    </message>
    <message>
        <source>Pick the download folder in a folder dialog</source>
        <translation>Den Download-Ordner in einem Ordnerdialog auswählen</translation>
    </message>
    <message>
        <source>When a file already exists</source>
        <translation>Wenn eine Datei bereits existiert</translation>
    </message>
    <message>
        <source>What a download does when its name is taken in the download folder</source>
        <translation>Was ein Download tut, wenn sein Name im Download-Ordner schon vergeben ist</translation>
    </message>
    <message>
        <source>Upload hidden files found in dropped folders</source>
        <translation>Versteckte Dateien in abgelegten Ordnern hochladen</translation>
    </message>
    <message>
        <source>Files and folders whose names start with a dot are uploaded too</source>
        <translation>Dateien und Ordner, deren Namen mit einem Punkt beginnen, werden auch hochgeladen</translation>
    </message>
    <message>
        <source>&amp;Skip junk files in dropped folders</source>
        <translation>Überflüssige Dateien in abgelegten Ordnern ü&amp;berspringen</translation>
    </message>
    <message>
        <source>Leaves out %1. The command line follows the same setting.</source>
        <translation>Lässt %1 aus. Die Kommandozeile folgt derselben Einstellung.</translation>
    </message>
    <message>
        <source>Upload limit</source>
        <translation>Upload-Limit</translation>
    </message>
    <message>
        <source>Download limit</source>
        <translation>Download-Limit</translation>
    </message>
    <message>
        <source>Attempts per transfer</source>
        <translation>Versuche pro Übertragung</translation>
    </message>
    <message>
        <source>How often a transfer is tried before it fails, the first try included</source>
        <translation>Wie oft eine Übertragung versucht wird, bevor sie fehlschlägt, den ersten Versuch eingeschlossen</translation>
    </message>
    <message>
        <source>Resume unfinished transfers when Assetdrop starts (otherwise they wait, paused)</source>
        <translation>Unvollendete Übertragungen beim Start von Assetdrop fortsetzen (sonst warten sie pausiert)</translation>
    </message>
    <message>
        <source>What the last session left unfinished continues by itself</source>
        <translation>Was die letzte Sitzung unvollendet ließ, läuft von selbst weiter</translation>
    </message>
    <message>
        <source>Verify each download against the server&apos;s MD5 checksum</source>
        <translation>Jeden Download mit der MD5-Prüfsumme des Servers abgleichen</translation>
    </message>
    <message>
        <source>Catches corrupted downloads. It costs about one CPU core at 750 MB/s; turn it off only on links faster than that.</source>
        <translation>Erkennt beschädigte Downloads. Kostet etwa einen CPU-Kern bei 750 MB/s; schalten Sie es nur bei schnelleren Verbindungen ab.</translation>
    </message>
    <message>
        <source>&amp;Keep running in the tray when the window is closed</source>
        <translation>Beim Schließen des Fensters im &amp;Infobereich weiterlaufen</translation>
    </message>
    <message>
        <source>Transfers go on; the tray icon shows the window again. File &gt; Quit quits.</source>
        <translation>Übertragungen laufen weiter; das Symbol im Infobereich zeigt das Fenster wieder. Datei &gt; Beenden beendet.</translation>
    </message>
    <message>
        <source>&amp;Transfers at once</source>
        <translation>&amp;Gleichzeitige Übertragungen</translation>
    </message>
    <message>
        <source>&amp;Download folder</source>
        <translation>&amp;Download-Ordner</translation>
    </message>
    <message>
        <source>When a file &amp;exists</source>
        <translation>Wenn eine Datei &amp;existiert</translation>
    </message>
    <message>
        <source>&amp;Upload limit</source>
        <translation>&amp;Upload-Limit</translation>
    </message>
    <message>
        <source>Do&amp;wnload limit</source>
        <translation>Do&amp;wnload-Limit</translation>
    </message>
    <message>
        <source>&amp;Attempts per transfer</source>
        <translation>&amp;Versuche pro Übertragung</translation>
    </message>
    <message>
        <source>Watch &amp;folders…</source>
        <translation>Überwachte &amp;Ordner …</translation>
    </message>
    <message>
        <source>Watch folders</source>
        <translation>Überwachte Ordner</translation>
    </message>
    <message>
        <source>Folders whose new files are uploaded by themselves</source>
        <translation>Ordner, deren neue Dateien von selbst hochgeladen werden</translation>
    </message>
    <message>
        <source>Language</source>
        <translation>Sprache</translation>
    </message>
    <message>
        <source>The language of the window; it changes when Assetdrop next starts</source>
        <translation>Die Sprache des Fensters; sie wechselt beim nächsten Start von Assetdrop</translation>
    </message>
    <message>
        <source>&amp;Language</source>
        <translation>&amp;Sprache</translation>
    </message>
    <message>
        <source> KiB/s</source>
        <translation> KiB/s</translation>
    </message>
    <message>
        <source>Unlimited</source>
        <translation>Unbegrenzt</translation>
    </message>
    <message>
        <source>For all transfers together; 0 is unlimited</source>
        <translation>Für alle Übertragungen zusammen; 0 bedeutet unbegrenzt</translation>
    </message>
</context>
<context>
    <name>TabModel</name>
    <message>
        <source>Name</source>
        <translation>Name</translation>
    </message>
    <message>
        <source>Size</source>
        <translation>Größe</translation>
    </message>
    <message>
        <source>Progress</source>
        <translation>Fortschritt</translation>
    </message>
    <message>
        <source>Speed</source>
        <translation>Tempo</translation>
    </message>
    <message>
        <source>ETA</source>
        <translation>Restzeit</translation>
    </message>
    <message>
        <source>Status</source>
        <translation>Status</translation>
    </message>
    <message>
        <source>Asset ID</source>
        <translation>Asset-ID</translation>
    </message>
</context>
<context>
    <name>TransfersView</name>
    <message>
        <source>&amp;Pause</source>
        <translation>&amp;Pausieren</translation>
    </message>
    <message>
        <source>&amp;Resume</source>
        <translation>&amp;Fortsetzen</translation>
    </message>
    <message>
        <source>Re&amp;try</source>
        <translation>&amp;Erneut versuchen</translation>
    </message>
    <message>
        <source>&amp;Cancel</source>
        <translation>&amp;Abbrechen</translation>
    </message>
    <message>
        <source>Re&amp;move from list</source>
        <translation>Aus der Liste ent&amp;fernen</translation>
    </message>
    <message>
        <source>Transfers, one a row; Delete cancels or removes the selected ones, the context menu has more</source>
        <translation>Übertragungen, eine pro Zeile; Entf bricht die ausgewählten ab oder entfernt sie, das Kontextmenü bietet mehr</translation>
    </message>
    <message>
        <source>&amp;Open</source>
        <translation>Ö&amp;ffnen</translation>
    </message>
    <message>
        <source>Show in &amp;folder</source>
        <translation>Im &amp;Ordner zeigen</translation>
    </message>
    <message>
        <source>&amp;Download again</source>
        <translation>Erneut &amp;herunterladen</translation>
    </message>
    <message>
        <source>Copy asset &amp;ID</source>
        <translation>Asset-&amp;ID kopieren</translation>
    </message>
</context>
<context>
    <name>Tray</name>
    <message>
        <source>Assetdrop: idle</source>
        <translation>Assetdrop: Leerlauf</translation>
    </message>
    <message>
        <source> (%1%)</source>
        <translation> (%1 %)</translation>
    </message>
    <message>
        <source>%1 of %2</source>
        <translation>%1 von %2</translation>
    </message>
    <message>
        <source>Assetdrop: %1 active · %2 · %3</source>
        <translation>Assetdrop: %1 aktiv · %2 · %3</translation>
    </message>
    <message>
        <source>%1 · %2 failed</source>
        <translation>%1 · %2 fehlgeschlagen</translation>
    </message>
    <message>
        <source>&amp;Show / hide Assetdrop</source>
        <translation>Assetdrop &amp;zeigen / verbergen</translation>
    </message>
    <message>
        <source>&amp;Pause all</source>
        <translation>Alle &amp;pausieren</translation>
    </message>
    <message>
        <source>&amp;Resume all</source>
        <translation>Alle &amp;fortsetzen</translation>
    </message>
    <message>
        <source>&amp;Quit</source>
        <translation>&amp;Beenden</translation>
    </message>
</context>
<context>
    <name>UploadCheck</name>
    <message>
        <source>“%1” in the “%2” box</source>
        <translation>„%1“ im Bereich „%2“</translation>
    </message>
    <message>
        <source>“%1”</source>
        <translation>„%1“</translation>
    </message>
    <message>
        <source>%1

Open Profiles and fill in %2, then add the files again.</source>
        <translation>%1

Öffnen Sie „Profile“, füllen Sie %2 aus und fügen Sie die Dateien dann erneut hinzu.</translation>
    </message>
</context>
<context>
    <name>WatchFoldersDialog</name>
    <message>
        <source>Watch folders</source>
        <translation>Überwachte Ordner</translation>
    </message>
    <message>
        <source>One folder a row: its profile, the file patterns, and what happens to a file after its upload</source>
        <translation>Ein Ordner pro Zeile: sein Profil, die Dateimuster und was nach dem Hochladen mit einer Datei geschieht</translation>
    </message>
    <message>
        <source>&amp;Add folder…</source>
        <translation>Ordner &amp;hinzufügen …</translation>
    </message>
    <message>
        <source>Add folder</source>
        <translation>Ordner hinzufügen</translation>
    </message>
    <message>
        <source>Choose a folder to watch</source>
        <translation>Einen zu überwachenden Ordner wählen</translation>
    </message>
    <message>
        <source>&amp;Remove</source>
        <translation>&amp;Entfernen</translation>
    </message>
    <message>
        <source>Remove</source>
        <translation>Entfernen</translation>
    </message>
    <message>
        <source>Stop watching the selected folders</source>
        <translation>Die ausgewählten Ordner nicht mehr überwachen</translation>
    </message>
    <message>
        <source>Files that land in these folders are uploaded once complete, each once. Patterns are comma-separated globs such as *.jpg, raw/*. A file is moved or deleted only after its upload is registered.</source>
        <translation>Dateien, die in diesen Ordnern landen, werden hochgeladen, sobald sie vollständig sind, jede genau einmal. Muster sind durch Kommas getrennte Platzhalter wie *.jpg, raw/*. Eine Datei wird erst verschoben oder gelöscht, wenn ihr Upload registriert ist.</translation>
    </message>
    <message>
        <source>Profile</source>
        <translation>Profil</translation>
    </message>
    <message>
        <source>The profile this folder&apos;s files are uploaded with</source>
        <translation>Das Profil, mit dem die Dateien dieses Ordners hochgeladen werden</translation>
    </message>
    <message>
        <source>After upload</source>
        <translation>Nach dem Hochladen</translation>
    </message>
    <message>
        <source>Folder</source>
        <translation>Ordner</translation>
    </message>
    <message>
        <source>Include</source>
        <translation>Einschließen</translation>
    </message>
    <message>
        <source>Exclude</source>
        <translation>Ausschließen</translation>
    </message>
    <message>
        <source>Move to</source>
        <translation>Verschieben nach</translation>
    </message>
    <message>
        <source>Leave it</source>
        <translation>Liegen lassen</translation>
    </message>
    <message>
        <source>Move it to</source>
        <translation>Verschieben nach</translation>
    </message>
    <message>
        <source>Delete it</source>
        <translation>Löschen</translation>
    </message>
    <message>
        <source>(current profile)</source>
        <translation>(aktuelles Profil)</translation>
    </message>
    <message>
        <source>What happens to a file once its upload is registered</source>
        <translation>Was mit einer Datei geschieht, sobald ihr Upload registriert ist</translation>
    </message>
    <message>
        <source>Folder to watch</source>
        <translation>Zu überwachender Ordner</translation>
    </message>
</context>
<context>
    <name>credentials</name>
    <message>
        <source>The keyring refused to store the key ({kind}). {hint}</source>
        <translation>Der Schlüsselbund hat das Speichern des Schlüssels abgelehnt ({kind}). {hint}</translation>
    </message>
    <message>
        <source>The keyring could not be read ({kind}); it may be locked. {hint}</source>
        <translation>Der Schlüsselbund konnte nicht gelesen werden ({kind}); vielleicht ist er gesperrt. {hint}</translation>
    </message>
    <message>
        <source>The keyring could not delete the key ({kind}).</source>
        <translation>Der Schlüsselbund konnte den Schlüssel nicht löschen ({kind}).</translation>
    </message>
    <message>
        <source>No API key is stored for profile {profile!r}. Set it in the app&apos;s Profiles dialog, or set {variable}.</source>
        <translation>Für das Profil {profile!r} ist kein API-Schlüssel gespeichert. Tragen Sie ihn im Dialog Profile der App ein oder setzen Sie {variable}.</translation>
    </message>
    <message>
        <source>No API key given. Set {variable} or choose a profile with --profile.</source>
        <translation>Kein API-Schlüssel angegeben. Setzen Sie {variable} oder wählen Sie mit --profile ein Profil.</translation>
    </message>
</context>
<context>
    <name>http</name>
    <message>
        <source>The profile&apos;s CA bundle {path} does not exist. Fix the path in Profiles or clear it.</source>
        <translation>Das CA-Bündel {path} des Profils existiert nicht. Korrigieren Sie den Pfad unter Profile oder leeren Sie ihn.</translation>
    </message>
    <message>
        <source>Certificate settings</source>
        <translation>Zertifikatseinstellungen</translation>
    </message>
    <message>
        <source>The profile&apos;s CA bundle {path} could not be read as PEM certificates ({kind}: {reason}).</source>
        <translation>Das CA-Bündel {path} des Profils konnte nicht als PEM-Zertifikate gelesen werden ({kind}: {reason}).</translation>
    </message>
    <message>
        <source>Too many redirects starting at {address}.</source>
        <translation>Zu viele Weiterleitungen, beginnend bei {address}.</translation>
    </message>
    <message>
        <source>Refused a redirect from https to an insecure address ({address}).</source>
        <translation>Eine Weiterleitung von https auf eine unsichere Adresse wurde abgelehnt ({address}).</translation>
    </message>
    <message>
        <source>The server answered the {method} with a redirect (HTTP {status}) to {where}, which would drop what was sent; nothing was sent there. Check the address in the profile.</source>
        <translation>Der Server hat den {method} mit einer Weiterleitung (HTTP {status}) nach {where} beantwortet, die das Gesendete verwerfen würde; dorthin wurde nichts gesendet. Prüfen Sie die Adresse im Profil.</translation>
    </message>
    <message>
        <source>Refused to send the {method} again to another scheme ({address}).</source>
        <translation>Das erneute Senden des {method} an ein anderes Schema wurde abgelehnt ({address}).</translation>
    </message>
    <message>
        <source>The server redirected the {method} (HTTP {status}); it cannot be sent again.</source>
        <translation>Der Server hat den {method} weitergeleitet (HTTP {status}); er kann nicht erneut gesendet werden.</translation>
    </message>
</context>
<context>
    <name>local_files</name>
    <message>
        <source>the name is too long for this system</source>
        <translation>der Name ist für dieses System zu lang</translation>
    </message>
    <message>
        <source>a link that loops</source>
        <translation>ein Link, der im Kreis verweist</translation>
    </message>
    <message>
        <source>no such file or folder</source>
        <translation>keine solche Datei und kein solcher Ordner</translation>
    </message>
    <message>
        <source>cannot be read</source>
        <translation>kann nicht gelesen werden</translation>
    </message>
    <message>
        <source>a named pipe, not a regular file</source>
        <translation>eine benannte Pipe, keine reguläre Datei</translation>
    </message>
    <message>
        <source>a socket, not a regular file</source>
        <translation>ein Socket, keine reguläre Datei</translation>
    </message>
    <message>
        <source>a device, not a regular file</source>
        <translation>ein Gerät, keine reguläre Datei</translation>
    </message>
    <message>
        <source>the same file as {path} (a hard link); uploaded once</source>
        <translation>dieselbe Datei wie {path} (ein harter Link); wird einmal hochgeladen</translation>
    </message>
    <message>
        <source>a link to a folder, not followed</source>
        <translation>ein Link auf einen Ordner, nicht verfolgt</translation>
    </message>
    <message>
        <source>a link to something that does not exist</source>
        <translation>ein Link auf etwas, das nicht existiert</translation>
    </message>
    <message>
        <source>not a regular file</source>
        <translation>keine reguläre Datei</translation>
    </message>
</context>
<context>
    <name>paths</name>
    <message>
        <source>Cannot create the folder {path} ({reason}). Make it writable, or set ASSETDROP_HOME to a folder you can write to.</source>
        <translation>Der Ordner {path} kann nicht angelegt werden ({reason}). Machen Sie ihn beschreibbar oder setzen Sie ASSETDROP_HOME auf einen Ordner, in den Sie schreiben können.</translation>
    </message>
</context>
<context>
    <name>providers.base</name>
    <message>
        <source>The API address must start with https:// (got {url!r}).</source>
        <translation>Die API-Adresse muss mit https:// beginnen (erhalten: {url!r}).</translation>
    </message>
    <message>
        <source>The server&apos;s {what} answer is not a JSON object.</source>
        <translation>Die {what}-Antwort des Servers ist kein JSON-Objekt.</translation>
    </message>
    <message>
        <source>The server&apos;s {what} answer lacks {missing}.</source>
        <translation>In der {what}-Antwort des Servers fehlt {missing}.</translation>
    </message>
    <message>
        <source>{label} has no documented {what}.</source>
        <translation>{label} hat kein dokumentiertes {what}.</translation>
    </message>
    <message>
        <source>Not available for this provider</source>
        <translation>Für diesen Anbieter nicht verfügbar</translation>
    </message>
</context>
<context>
    <name>providers.filespin.download</name>
    <message>
        <source>FileSpin is still processing asset {asset_id} ({status}); the download waits.</source>
        <translation>FileSpin verarbeitet das Asset {asset_id} noch ({status}); der Download wartet.</translation>
    </message>
    <message>
        <source>FileSpin could not process asset {asset_id}, so it cannot be read: {reason}.</source>
        <translation>FileSpin konnte das Asset {asset_id} nicht verarbeiten, daher kann es nicht gelesen werden: {reason}.</translation>
    </message>
</context>
<context>
    <name>providers.filespin.endpoints</name>
    <message>
        <source>The server&apos;s storage URL answer lacks asset_id or storage.</source>
        <translation>In der Speicher-URL-Antwort des Servers fehlt asset_id oder storage.</translation>
    </message>
    <message>
        <source>The server&apos;s storage URL answer has no URL or no form fields.</source>
        <translation>Die Speicher-URL-Antwort des Servers hat keine URL oder keine Formularfelder.</translation>
    </message>
    <message>
        <source>The server&apos;s search answer has no result list.</source>
        <translation>Die Suchantwort des Servers hat keine Ergebnisliste.</translation>
    </message>
    <message>
        <source>The server&apos;s search answer has page numbers that are not numbers.</source>
        <translation>Die Suchantwort des Servers hat Seitenzahlen, die keine Zahlen sind.</translation>
    </message>
    <message>
        <source>The server&apos;s asset data answer is not a JSON object.</source>
        <translation>Die Asset-Daten-Antwort des Servers ist kein JSON-Objekt.</translation>
    </message>
</context>
<context>
    <name>providers.filespin.provider</name>
    <message>
        <source>The server&apos;s asset data answer is not a JSON object.</source>
        <translation>Die Asset-Daten-Antwort des Servers ist kein JSON-Objekt.</translation>
    </message>
    <message>
        <source>The server&apos;s get_link answer holds no link.</source>
        <translation>Die get_link-Antwort des Servers enthält keinen Link.</translation>
    </message>
    <message>
        <source>The server&apos;s get_link answer for several assets holds no links.</source>
        <translation>Die get_link-Antwort des Servers für mehrere Assets enthält keine Links.</translation>
    </message>
    <message>
        <source>Connected to {address}: the API key works and the account holds assets.</source>
        <translation>Verbunden mit {address}: Der API-Schlüssel funktioniert, und das Konto enthält Assets.</translation>
    </message>
    <message>
        <source>Connected to {address}: the API key works and the account holds 1 asset.</source>
        <translation>Verbunden mit {address}: Der API-Schlüssel funktioniert, und das Konto enthält 1 Asset.</translation>
    </message>
    <message>
        <source>Connected to {address}: the API key works and the account holds {count:,} assets.</source>
        <translation>Verbunden mit {address}: Der API-Schlüssel funktioniert, und das Konto enthält {count:,} Assets.</translation>
    </message>
</context>
<context>
    <name>providers.memories.envelope</name>
    <message>
        <source>The server rejected the API key: {detail}.</source>
        <translation>Der Server hat den API-Schlüssel abgelehnt: {detail}.</translation>
    </message>
    <message>
        <source>memories.ai is limiting requests: {detail}.</source>
        <translation>memories.ai begrenzt die Anfragen: {detail}.</translation>
    </message>
    <message>
        <source>memories.ai had a problem: {detail}.</source>
        <translation>memories.ai hatte ein Problem: {detail}.</translation>
    </message>
</context>
<context>
    <name>providers.memories.provider</name>
    <message>
        <source>memories.ai is limiting requests: {message}</source>
        <translation>memories.ai begrenzt die Anfragen: {message}</translation>
    </message>
    <message>
        <source>memories.ai is still processing {asset_id} ({status}); the download waits.</source>
        <translation>memories.ai verarbeitet {asset_id} noch ({status}); der Download wartet.</translation>
    </message>
    <message>
        <source>The memories.ai signed-URL answer lacks asset_id or signed_url.</source>
        <translation>In der Signed-URL-Antwort von memories.ai fehlt asset_id oder signed_url.</translation>
    </message>
    <message>
        <source>Connected to {address}: the API key works.</source>
        <translation>Verbunden mit {address}: Der API-Schlüssel funktioniert.</translation>
    </message>
</context>
<context>
    <name>providers.options</name>
    <message>
        <source>Profile settings</source>
        <translation>Profileinstellungen</translation>
    </message>
    <message>
        <source>{1} (download links) needs {0} too: fill in both or neither.</source>
        <translation>{1} (Download-Links) braucht auch {0}: Füllen Sie beide aus oder keines.</translation>
    </message>
    <message>
        <source>must be at least {minimum}</source>
        <translation>muss mindestens {minimum} sein</translation>
    </message>
    <message>
        <source>{value} is not a whole number.</source>
        <translation>{value} ist keine ganze Zahl.</translation>
    </message>
    <message>
        <source>{value} is not one of {allowed}.</source>
        <translation>{value} ist keiner der Werte {allowed}.</translation>
    </message>
    <message>
        <source>{{0}} is needed to upload with {provider}.</source>
        <translation>{{0}} wird zum Hochladen mit {provider} benötigt.</translation>
    </message>
    <message>
        <source>{{0}} is needed to download with {provider}.</source>
        <translation>{{0}} wird zum Herunterladen mit {provider} benötigt.</translation>
    </message>
    <message>
        <source>{{0}} is needed with {provider}.</source>
        <translation>{{0}} wird für {provider} benötigt.</translation>
    </message>
    <message>
        <source>{0} is not set.</source>
        <translation>{0} ist nicht gesetzt.</translation>
    </message>
</context>
<context>
    <name>providers.xvid.auth</name>
    <message>
        <source>This Xvid profile needs a token, or a client ID and a client secret.</source>
        <translation>Dieses Xvid-Profil braucht ein Token oder eine Client-ID und ein Client-Secret.</translation>
    </message>
    <message>
        <source>This Xvid profile has neither a token nor client credentials.</source>
        <translation>Dieses Xvid-Profil hat weder ein Token noch Client-Zugangsdaten.</translation>
    </message>
    <message>
        <source>The Xvid token answer holds no access_token.</source>
        <translation>Die Token-Antwort von Xvid enthält kein access_token.</translation>
    </message>
</context>
<context>
    <name>providers.xvid.download</name>
    <message>
        <source>File {asset_id} is not marked for AutoGraph, so it cannot carry an autograph tag. Clear the tag or enable AutoGraph on the file.</source>
        <translation>Die Datei {asset_id} ist nicht für AutoGraph markiert und kann daher kein Autograph-Tag tragen. Leeren Sie das Tag oder aktivieren Sie AutoGraph für die Datei.</translation>
    </message>
    <message>
        <source>AutoGraph not enabled</source>
        <translation>AutoGraph nicht aktiviert</translation>
    </message>
</context>
<context>
    <name>providers.xvid.links</name>
    <message>
        <source>Link format must be json or xml, not {format!r}.</source>
        <translation>Das Linkformat muss json oder xml sein, nicht {format!r}.</translation>
    </message>
    <message>
        <source>An object key needs a pipeline ID, and a pipeline ID an object key.</source>
        <translation>Ein Objektschlüssel braucht eine Pipeline-ID und eine Pipeline-ID einen Objektschlüssel.</translation>
    </message>
    <message>
        <source>Maximum parallel downloads must be at least 1.</source>
        <translation>Die Höchstzahl paralleler Downloads muss mindestens 1 sein.</translation>
    </message>
    <message>
        <source>The link expiry must be a moment in the future (epoch seconds).</source>
        <translation>Der Ablauf des Links muss in der Zukunft liegen (Epochensekunden).</translation>
    </message>
    <message>
        <source>Say which file: a file ID, or an object key with a pipeline ID.</source>
        <translation>Geben Sie an, welche Datei: eine Datei-ID oder einen Objektschlüssel mit einer Pipeline-ID.</translation>
    </message>
    <message>
        <source>{text!r} is not an IPv4 address like 192.0.2.10 (Xvid takes IPv4 only).</source>
        <translation>{text!r} ist keine IPv4-Adresse wie 192.0.2.10 (Xvid nimmt nur IPv4).</translation>
    </message>
    <message>
        <source>Expiry {text!r}: give epoch seconds, +SECONDS, or an ISO-8601 time.</source>
        <translation>Ablauf {text!r}: Geben Sie Epochensekunden, +SEKUNDEN oder eine ISO-8601-Zeit an.</translation>
    </message>
    <message>
        <source>The Xvid download answer is neither JSON nor XML.</source>
        <translation>Die Download-Antwort von Xvid ist weder JSON noch XML.</translation>
    </message>
    <message>
        <source>The Xvid download answer holds no link.</source>
        <translation>Die Download-Antwort von Xvid enthält keinen Link.</translation>
    </message>
    <message>
        <source>The Xvid XML answer declares a DTD; refused.</source>
        <translation>Die XML-Antwort von Xvid deklariert eine DTD; abgelehnt.</translation>
    </message>
    <message>
        <source>The Xvid download answer is not well-formed XML.</source>
        <translation>Die Download-Antwort von Xvid ist kein wohlgeformtes XML.</translation>
    </message>
</context>
<context>
    <name>providers.xvid.provider</name>
    <message>
        <source>The Xvid file answer holds no file.</source>
        <translation>Die Datei-Antwort von Xvid enthält keine Datei.</translation>
    </message>
    <message>
        <source>The Xvid download answer holds no link.</source>
        <translation>Die Download-Antwort von Xvid enthält keinen Link.</translation>
    </message>
    <message>
        <source>The Xvid upload answer lacks id, form_post_url or form_post_params.</source>
        <translation>In der Upload-Antwort von Xvid fehlt id, form_post_url oder form_post_params.</translation>
    </message>
    <message>
        <source>The Xvid upload answer has no usable form_post_url or form_post_params.</source>
        <translation>Die Upload-Antwort von Xvid hat kein brauchbares form_post_url oder form_post_params.</translation>
    </message>
    <message>
        <source>The Xvid file list is neither a list nor an object.</source>
        <translation>Die Dateiliste von Xvid ist weder eine Liste noch ein Objekt.</translation>
    </message>
    <message>
        <source>The Xvid file list holds no list of files.</source>
        <translation>Die Dateiliste von Xvid enthält keine Liste von Dateien.</translation>
    </message>
    <message>
        <source>the client credentials work</source>
        <translation>die Client-Zugangsdaten funktionieren</translation>
    </message>
    <message>
        <source>the token works</source>
        <translation>das Token funktioniert</translation>
    </message>
    <message>
        <source>Connected to {address}: {works}.</source>
        <translation>Verbunden mit {address}: {works}.</translation>
    </message>
    <message>
        <source>Connected to {address}: {works} and the store holds 1 file.</source>
        <translation>Verbunden mit {address}: {works}, und der Speicher enthält 1 Datei.</translation>
    </message>
    <message>
        <source>Connected to {address}: {works} and the store holds {count:,} files.</source>
        <translation>Verbunden mit {address}: {works}, und der Speicher enthält {count:,} Dateien.</translation>
    </message>
</context>
<context>
    <name>providers.xvid.replies</name>
    <message>
        <source>The Xvid file answer is not a JSON object.</source>
        <translation>Die Datei-Antwort von Xvid ist kein JSON-Objekt.</translation>
    </message>
</context>
<context>
    <name>providers.xvid.signing</name>
    <message>
        <source>The Xvid client_secret is not base64 text; copy it again from the Apps tab.</source>
        <translation>Das client_secret von Xvid ist kein Base64-Text; kopieren Sie es erneut aus dem Reiter Apps.</translation>
    </message>
</context>
<context>
    <name>proxy</name>
    <message>
        <source>the profile&apos;s proxy setting</source>
        <translation>die Proxy-Einstellung des Profils</translation>
    </message>
    <message>
        <source>the desktop&apos;s proxy setting</source>
        <translation>die Proxy-Einstellung des Desktops</translation>
    </message>
    <message>
        <source>{scheme}:// proxies are not supported; give an http:// proxy address</source>
        <translation>{scheme}://-Proxys werden nicht unterstützt; geben Sie eine http://-Proxyadresse an</translation>
    </message>
    <message>
        <source>{text!r} is not a proxy address (like http://proxy.example:3128)</source>
        <translation>{text!r} ist keine Proxyadresse (wie http://proxy.example:3128)</translation>
    </message>
    <message>
        <source>put the user name in Proxy user and the password in Proxy password, not in the URL</source>
        <translation>tragen Sie den Benutzernamen unter Proxy-Benutzer und das Passwort unter Proxy-Passwort ein, nicht in der URL</translation>
    </message>
    <message>
        <source>{text!r} has no valid port number</source>
        <translation>{text!r} hat keine gültige Portnummer</translation>
    </message>
    <message>
        <source>{source} names a {scheme} proxy ({address}); Assetdrop speaks to http:// proxies only. Give an http:// proxy, or choose no proxy in the profile.</source>
        <translation>{source} nennt einen {scheme}-Proxy ({address}); Assetdrop spricht nur mit http://-Proxys. Geben Sie einen http://-Proxy an oder wählen Sie im Profil keinen Proxy.</translation>
    </message>
    <message>
        <source>Proxy settings</source>
        <translation>Proxy-Einstellungen</translation>
    </message>
</context>
<context>
    <name>queue.ownership</name>
    <message>
        <source>PID {pid}</source>
        <translation>PID {pid}</translation>
    </message>
    <message>
        <source>the Assetdrop window</source>
        <translation>das Assetdrop-Fenster</translation>
    </message>
    <message>
        <source>{program} (PID {pid})</source>
        <translation>{program} (PID {pid})</translation>
    </message>
</context>
<context>
    <name>queue.readiness</name>
    <message>
        <source>Could not learn whether the upload is ready.</source>
        <translation>Es war nicht zu erfahren, ob der Upload fertig ist.</translation>
    </message>
</context>
<context>
    <name>request_errors</name>
    <message>
        <source>The secure connection to {where} failed: {tls_problem}</source>
        <translation>Die sichere Verbindung zu {where} ist fehlgeschlagen: {tls_problem}</translation>
    </message>
    <message>
        <source>Certificate problem</source>
        <translation>Zertifikatsproblem</translation>
    </message>
    <message>
        <source>Connecting to {where} timed out. Check your network connection.</source>
        <translation>Die Verbindung zu {where} hat zu lange gedauert. Prüfen Sie Ihre Netzwerkverbindung.</translation>
    </message>
    <message>
        <source>No answer from {where} for {seconds:.0f} s (the read timed out).</source>
        <translation>Keine Antwort von {where} seit {seconds:.0f} s (Zeitüberschreitung beim Lesen).</translation>
    </message>
    <message>
        <source>No answer from {where} (the read timed out).</source>
        <translation>Keine Antwort von {where} (Zeitüberschreitung beim Lesen).</translation>
    </message>
    <message>
        <source>The connection to {where} broke before the whole answer arrived.</source>
        <translation>Die Verbindung zu {where} ist abgebrochen, bevor die ganze Antwort ankam.</translation>
    </message>
    <message>
        <source>Could not connect to {where}: connection refused. Is the server running?</source>
        <translation>Keine Verbindung zu {where}: Verbindung abgelehnt. Läuft der Server?</translation>
    </message>
    <message>
        <source>Could not find the server {host}. Check the address and your network.</source>
        <translation>Der Server {host} wurde nicht gefunden. Prüfen Sie die Adresse und Ihr Netzwerk.</translation>
    </message>
    <message>
        <source>The connection to {where} was reset.</source>
        <translation>Die Verbindung zu {where} wurde zurückgesetzt.</translation>
    </message>
    <message>
        <source>Could not talk to {where} ({reason}).</source>
        <translation>Keine Verständigung mit {where} möglich ({reason}).</translation>
    </message>
    <message>
        <source>Not a usable address: {address}</source>
        <translation>Keine brauchbare Adresse: {address}</translation>
    </message>
    <message>
        <source>Request to {where} failed ({kind}).</source>
        <translation>Anfrage an {where} fehlgeschlagen ({kind}).</translation>
    </message>
    <message>
        <source>Check {source}</source>
        <translation>Prüfen Sie {source}</translation>
    </message>
    <message>
        <source>refused the user name and password it was given</source>
        <translation>hat den angegebenen Benutzernamen und das Passwort abgelehnt</translation>
    </message>
    <message>
        <source>wants a sign-in</source>
        <translation>verlangt eine Anmeldung</translation>
    </message>
    <message>
        <source>The proxy {where} {given} (HTTP 407). {check}: the proxy user name, and the proxy password in Profiles.</source>
        <translation>Der Proxy {where} {given} (HTTP 407). {check}: den Proxy-Benutzernamen und das Proxy-Passwort unter Profile.</translation>
    </message>
    <message>
        <source>The proxy {where} would not open a connection to {host}:{port} ({status}). Ask whoever runs the proxy whether {host} is allowed, or check {source}.</source>
        <translation>Der Proxy {where} wollte keine Verbindung zu {host}:{port} öffnen ({status}). Fragen Sie den Betreiber des Proxys, ob {host} erlaubt ist, oder prüfen Sie {source}.</translation>
    </message>
    <message>
        <source>The secure connection to the proxy {where} failed: {tls_problem}</source>
        <translation>Die sichere Verbindung zum Proxy {where} ist fehlgeschlagen: {tls_problem}</translation>
    </message>
    <message>
        <source>Could not connect to the proxy {where}: connection refused. {check}: the proxy&apos;s address and port, or choose no proxy in the profile.</source>
        <translation>Keine Verbindung zum Proxy {where}: Verbindung abgelehnt. {check}: Adresse und Port des Proxys, oder wählen Sie im Profil keinen Proxy.</translation>
    </message>
    <message>
        <source>Could not find the proxy {where}. {check}: the proxy&apos;s address.</source>
        <translation>Der Proxy {where} wurde nicht gefunden. {check}: die Adresse des Proxys.</translation>
    </message>
    <message>
        <source>Could not talk to the proxy {where} ({reason}). {check}.</source>
        <translation>Keine Verständigung mit dem Proxy {where} möglich ({reason}). {check}.</translation>
    </message>
    <message>
        <source>If this server uses your organisation&apos;s own certificate authority, add its CA bundle (PEM) to the profile.</source>
        <translation>Wenn dieser Server die eigene Zertifizierungsstelle Ihrer Organisation verwendet, fügen Sie deren CA-Bündel (PEM) dem Profil hinzu.</translation>
    </message>
    <message>
        <source>the certificate of {host} has expired (or this computer&apos;s clock is wrong). The server&apos;s administrator must renew it.</source>
        <translation>das Zertifikat von {host} ist abgelaufen (oder die Uhr dieses Computers geht falsch). Der Administrator des Servers muss es erneuern.</translation>
    </message>
    <message>
        <source>the certificate of {host} is not valid yet. Check this computer&apos;s date and time.</source>
        <translation>das Zertifikat von {host} ist noch nicht gültig. Prüfen Sie Datum und Uhrzeit dieses Computers.</translation>
    </message>
    <message>
        <source>the certificate does not belong to {host} (it was issued for another name). Check the address in the profile; someone may be intercepting the connection.</source>
        <translation>das Zertifikat gehört nicht zu {host} (es wurde für einen anderen Namen ausgestellt). Prüfen Sie die Adresse im Profil; vielleicht fängt jemand die Verbindung ab.</translation>
    </message>
    <message>
        <source>the certificate of {host} is self-signed, so it cannot be trusted. {advice}</source>
        <translation>das Zertifikat von {host} ist selbst signiert und daher nicht vertrauenswürdig. {advice}</translation>
    </message>
    <message>
        <source>the certificate of {host} was issued by an authority this computer does not trust. {advice}</source>
        <translation>das Zertifikat von {host} wurde von einer Stelle ausgestellt, der dieser Computer nicht vertraut. {advice}</translation>
    </message>
    <message>
        <source>the certificate of {host} has been revoked.</source>
        <translation>das Zertifikat von {host} wurde widerrufen.</translation>
    </message>
    <message>
        <source>{host} does not speak TLS on this port. Check whether the address should start with http:// or use another port.</source>
        <translation>{host} spricht auf diesem Port kein TLS. Prüfen Sie, ob die Adresse mit http:// beginnen oder einen anderen Port verwenden sollte.</translation>
    </message>
    <message>
        <source>the certificate of {host} could not be verified. {advice}</source>
        <translation>das Zertifikat von {host} konnte nicht geprüft werden. {advice}</translation>
    </message>
    <message>
        <source>the TLS handshake failed (the server and Assetdrop could not agree on a secure connection).</source>
        <translation>der TLS-Handshake ist fehlgeschlagen (Server und Assetdrop konnten sich nicht auf eine sichere Verbindung einigen).</translation>
    </message>
    <message>
        <source>{words} ({reason})</source>
        <translation>{words} ({reason})</translation>
    </message>
</context>
<context>
    <name>responses</name>
    <message>
        <source>The server&apos;s answer is too large ({declared:,} bytes; limit {limit:,}).</source>
        <translation>Die Antwort des Servers ist zu groß ({declared:,} Bytes; Grenze {limit:,}).</translation>
    </message>
    <message>
        <source>The server&apos;s answer is too large (over {limit:,} bytes).</source>
        <translation>Die Antwort des Servers ist zu groß (über {limit:,} Bytes).</translation>
    </message>
    <message>
        <source>{host} took more than {deadline:.0f} s to send its answer; it was given up.</source>
        <translation>{host} hat länger als {deadline:.0f} s für seine Antwort gebraucht; es wurde aufgegeben.</translation>
    </message>
    <message>
        <source>The connection to {host} broke before the whole answer arrived.</source>
        <translation>Die Verbindung zu {host} ist abgebrochen, bevor die ganze Antwort ankam.</translation>
    </message>
    <message>
        <source>The answer from {host} was cut short ({received:,} of {declared:,} bytes).</source>
        <translation>Die Antwort von {host} wurde abgeschnitten ({received:,} von {declared:,} Bytes).</translation>
    </message>
    <message>
        <source>{host} sent a web page where data was expected (HTTP {status_code}). Check the API address in the profile.</source>
        <translation>{host} hat eine Webseite geschickt, wo Daten erwartet wurden (HTTP {status_code}). Prüfen Sie die API-Adresse im Profil.</translation>
    </message>
    <message>
        <source>{host} sent an answer with too many parts to read (over {limit:,} objects or lists; HTTP {status}).</source>
        <translation>{host} hat eine Antwort mit zu vielen Teilen geschickt (über {limit:,} Objekte oder Listen; HTTP {status}).</translation>
    </message>
    <message>
        <source>{host} sent an answer nested too deeply to read (HTTP {status}).</source>
        <translation>{host} hat eine zu tief verschachtelte Antwort geschickt, die nicht gelesen werden kann (HTTP {status}).</translation>
    </message>
    <message>
        <source>{host} sent something that is not valid JSON (HTTP {status}): {snippet!r}</source>
        <translation>{host} hat etwas geschickt, das kein gültiges JSON ist (HTTP {status}): {snippet!r}</translation>
    </message>
    <message>
        <source>The signed link has expired: {detail}. Request a new link.</source>
        <translation>Der signierte Link ist abgelaufen: {detail}. Fordern Sie einen neuen Link an.</translation>
    </message>
    <message>
        <source>The file is not in storage: {detail}</source>
        <translation>Die Datei ist nicht im Speicher: {detail}</translation>
    </message>
    <message>
        <source>Storage server error: {detail}</source>
        <translation>Fehler des Speicherservers: {detail}</translation>
    </message>
    <message>
        <source>Storage asks to slow down: {detail}</source>
        <translation>Der Speicher bittet um langsamere Anfragen: {detail}</translation>
    </message>
    <message>
        <source>Storage refused the transfer: {detail}</source>
        <translation>Der Speicher hat die Übertragung abgelehnt: {detail}</translation>
    </message>
    <message>
        <source>The server rejected the API key: {detail}. Check the key in the profile.</source>
        <translation>Der Server hat den API-Schlüssel abgelehnt: {detail}. Prüfen Sie den Schlüssel im Profil.</translation>
    </message>
    <message>
        <source>The server refused this key or account: {detail}. Check the key, and the account&apos;s status and plan.</source>
        <translation>Der Server hat diesen Schlüssel oder dieses Konto abgelehnt: {detail}. Prüfen Sie den Schlüssel sowie Status und Tarif des Kontos.</translation>
    </message>
    <message>
        <source>Not allowed</source>
        <translation>Nicht erlaubt</translation>
    </message>
    <message>
        <source>The server is limiting requests: {detail}</source>
        <translation>Der Server begrenzt die Anfragen: {detail}</translation>
    </message>
    <message>
        <source>The server had a problem: {detail}</source>
        <translation>Der Server hatte ein Problem: {detail}</translation>
    </message>
</context>
<context>
    <name>session</name>
    <message>
        <source>{owner} is running this queue; remove partial downloads there, or once it has finished.</source>
        <translation>{owner} führt diese Warteschlange aus; entfernen Sie unvollständige Downloads dort oder wenn es fertig ist.</translation>
    </message>
    <message>
        <source>Another Assetdrop</source>
        <translation>Ein anderes Assetdrop</translation>
    </message>
    <message>
        <source>Queue in use</source>
        <translation>Warteschlange in Gebrauch</translation>
    </message>
    <message>
        <source>No API key is stored for profile {profile!r}: {hint}add it in Profiles.</source>
        <translation>Für das Profil {profile!r} ist kein API-Schlüssel gespeichert: {hint}fügen Sie ihn unter Profile hinzu.</translation>
    </message>
</context>
<context>
    <name>settings</name>
    <message>
        <source>No profile named {name!r} (profiles: {known}).</source>
        <translation>Kein Profil namens {name!r} (Profile: {known}).</translation>
    </message>
    <message>
        <source>The settings file {path} could not be read ({reason}).</source>
        <translation>Die Einstellungsdatei {path} konnte nicht gelesen werden ({reason}).</translation>
    </message>
    <message>
        <source>The settings file {path} is damaged and could not be moved aside ({reason}).</source>
        <translation>Die Einstellungsdatei {path} ist beschädigt und konnte nicht beiseitegelegt werden ({reason}).</translation>
    </message>
</context>
<context>
    <name>transfer.download</name>
    <message>
        <source>The server kept sending past {max_bytes:,} bytes; the download was stopped.</source>
        <translation>Der Server hat über {max_bytes:,} Bytes hinaus weitergesendet; der Download wurde angehalten.</translation>
    </message>
    <message>
        <source>The downloaded bytes do not match the server&apos;s checksum ({digest} vs {expected_md5}). Retry the download.</source>
        <translation>Die heruntergeladenen Bytes passen nicht zur Prüfsumme des Servers ({digest} statt {expected_md5}). Laden Sie die Datei erneut herunter.</translation>
    </message>
    <message>
        <source>The server sent part of the file where the whole file was asked for.</source>
        <translation>Der Server hat einen Teil der Datei geschickt, wo die ganze Datei verlangt war.</translation>
    </message>
    <message>
        <source>The earlier attempt&apos;s temporary file could not be reopened; retry to start over.</source>
        <translation>Die temporäre Datei des früheren Versuchs konnte nicht wieder geöffnet werden; versuchen Sie es erneut, um von vorn zu beginnen.</translation>
    </message>
</context>
<context>
    <name>transfer.hashing_reader</name>
    <message>
        <source>{name} got shorter while it was being uploaded.</source>
        <translation>{name} ist während des Hochladens kürzer geworden.</translation>
    </message>
</context>
<context>
    <name>transfer.pacing</name>
    <message>
        <source>{label} asked to wait before the next request; waiting {seconds} s.</source>
        <translation>{label} hat gebeten, vor der nächsten Anfrage zu warten; Wartezeit {seconds} s.</translation>
    </message>
    <message>
        <source>Stopped asking {label}: {count} requests in a row were refused as invalid (unknown asset IDs or a wrong key), and the provider keeps a long-lived limit on those. Check the key and the IDs; calls resume in {seconds} s.</source>
        <translation>Anfragen an {label} angehalten: {count} Anfragen in Folge wurden als ungültig abgelehnt (unbekannte Asset-IDs oder ein falscher Schlüssel), und der Anbieter begrenzt solche Anfragen auf lange Zeit. Prüfen Sie den Schlüssel und die IDs; die Anfragen gehen in {seconds} s weiter.</translation>
    </message>
    <message>
        <source>Too many invalid requests</source>
        <translation>Zu viele ungültige Anfragen</translation>
    </message>
</context>
<context>
    <name>transfer.parallel</name>
    <message>
        <source>The download was cut short: a connection ended {left:,} bytes before its range did. Retry to fetch the rest.</source>
        <translation>Der Download wurde abgeschnitten: Eine Verbindung endete {left:,} Bytes vor ihrem Bereich. Versuchen Sie es erneut, um den Rest zu holen.</translation>
    </message>
</context>
<context>
    <name>transfer.partfile</name>
    <message>
        <source>The disk holding {where} is full. Free some space and retry.</source>
        <translation>Der Datenträger mit {where} ist voll. Geben Sie Platz frei und versuchen Sie es erneut.</translation>
    </message>
    <message>
        <source>Disk full</source>
        <translation>Datenträger voll</translation>
    </message>
    <message>
        <source>Cannot write to {where}: permission denied. Choose another folder.</source>
        <translation>In {where} kann nicht geschrieben werden: Zugriff verweigert. Wählen Sie einen anderen Ordner.</translation>
    </message>
    <message>
        <source>Folder not writable</source>
        <translation>Ordner nicht beschreibbar</translation>
    </message>
    <message>
        <source>Cannot write to {where}: {reason}.</source>
        <translation>In {where} kann nicht geschrieben werden: {reason}.</translation>
    </message>
    <message>
        <source>Could not create a temporary file in {folder}.</source>
        <translation>In {folder} konnte keine temporäre Datei angelegt werden.</translation>
    </message>
    <message>
        <source>{final} exists and is not a regular file; not overwriting it.</source>
        <translation>{final} existiert und ist keine reguläre Datei; sie wird nicht überschrieben.</translation>
    </message>
    <message>
        <source>{path} was replaced by another program while the download was being saved; it is not the file that was downloaded. Retry the download.</source>
        <translation>{path} wurde von einem anderen Programm ersetzt, während der Download gespeichert wurde; es ist nicht die heruntergeladene Datei. Laden Sie die Datei erneut herunter.</translation>
    </message>
    <message>
        <source>File replaced</source>
        <translation>Datei ersetzt</translation>
    </message>
</context>
<context>
    <name>transfer.send</name>
    <message>
        <source>{path} cannot be read: {reason}.</source>
        <translation>{path} kann nicht gelesen werden: {reason}.</translation>
    </message>
    <message>
        <source>{path} is not a regular file.</source>
        <translation>{path} ist keine reguläre Datei.</translation>
    </message>
    <message>
        <source>{path} no longer exists.</source>
        <translation>{path} existiert nicht mehr.</translation>
    </message>
    <message>
        <source>File not found</source>
        <translation>Datei nicht gefunden</translation>
    </message>
    <message>
        <source>{path} cannot be read: permission denied.</source>
        <translation>{path} kann nicht gelesen werden: Zugriff verweigert.</translation>
    </message>
    <message>
        <source>File not readable</source>
        <translation>Datei nicht lesbar</translation>
    </message>
    <message>
        <source>{path} is a folder, not a file.</source>
        <translation>{path} ist ein Ordner, keine Datei.</translation>
    </message>
    <message>
        <source>Reading {name} failed: {reason}.</source>
        <translation>Das Lesen von {name} ist fehlgeschlagen: {reason}.</translation>
    </message>
    <message>
        <source>{name} changed while it was being uploaded; it was not registered. Try again once the file is complete.</source>
        <translation>{name} hat sich während des Hochladens geändert; die Datei wurde nicht registriert. Versuchen Sie es erneut, sobald die Datei vollständig ist.</translation>
    </message>
    <message>
        <source>Storage stored different bytes than were sent for {name} (checksum {stored_md5} instead of {md5}).</source>
        <translation>Der Speicher hat für {name} andere Bytes gespeichert als gesendet (Prüfsumme {stored_md5} statt {md5}).</translation>
    </message>
</context>
<context>
    <name>transfer.stall</name>
    <message>
        <source>{where} sent only {sent:,} bytes in {waited:.0f} s (less than {min_bytes:,} in {seconds:.0f} s): the transfer stalled.</source>
        <translation>{where} hat in {waited:.0f} s nur {sent:,} Bytes übertragen (weniger als {min_bytes:,} in {seconds:.0f} s): die Übertragung stockt.</translation>
    </message>
</context>
<context>
    <name>watch.config</name>
    <message>
        <source>Choose the folder to watch (a full path).</source>
        <translation>Wählen Sie den zu überwachenden Ordner (ein vollständiger Pfad).</translation>
    </message>
    <message>
        <source>Watch folder</source>
        <translation>Überwachter Ordner</translation>
    </message>
    <message>
        <source>Say where files from {folder} are moved after upload.</source>
        <translation>Geben Sie an, wohin Dateien aus {folder} nach dem Hochladen verschoben werden.</translation>
    </message>
    <message>
        <source>The profile {profile!r} of {folder} does not exist; choose another.</source>
        <translation>Das Profil {profile!r} von {folder} existiert nicht; wählen Sie ein anderes.</translation>
    </message>
</context>
<context>
    <name>watch.service</name>
    <message>
        <source>Watch folders paused</source>
        <translation>Überwachte Ordner pausiert</translation>
    </message>
    <message>
        <source>Another Assetdrop runs the queue; watching starts here when it ends.</source>
        <translation>Ein anderes Assetdrop führt die Warteschlange aus; die Überwachung beginnt hier, wenn es endet.</translation>
    </message>
    <message>
        <source>Watch folders stopped</source>
        <translation>Überwachte Ordner angehalten</translation>
    </message>
    <message>
        <source>An unexpected error stopped watching; the log has the details.</source>
        <translation>Ein unerwarteter Fehler hat die Überwachung angehalten; Einzelheiten stehen im Protokoll.</translation>
    </message>
</context>
<context>
    <name>watch.watcher</name>
    <message>
        <source>{folder} cannot be read ({reason}): it was removed, renamed or unmounted. Watching resumes as soon as it is back.</source>
        <translation>{folder} kann nicht gelesen werden ({reason}): Der Ordner wurde entfernt, umbenannt oder ausgehängt. Die Überwachung geht weiter, sobald er wieder da ist.</translation>
    </message>
    <message>
        <source>Watch folder back</source>
        <translation>Überwachter Ordner wieder da</translation>
    </message>
    <message>
        <source>{folder} is there again; watching resumed.</source>
        <translation>{folder} ist wieder da; die Überwachung läuft weiter.</translation>
    </message>
    <message>
        <source>{path}: {reason}</source>
        <translation>{path}: {reason}</translation>
    </message>
    <message>
        <source>Upload failed</source>
        <translation>Hochladen fehlgeschlagen</translation>
    </message>
    <message>
        <source>{path} was uploaded as {asset_id} but has changed since; it was not moved, and its new content will be uploaded too.</source>
        <translation>{path} wurde als {asset_id} hochgeladen, hat sich aber seitdem geändert; die Datei wurde nicht verschoben, und ihr neuer Inhalt wird ebenfalls hochgeladen.</translation>
    </message>
    <message>
        <source>{path} was uploaded as {asset_id} but has changed since; it was not deleted, and its new content will be uploaded too.</source>
        <translation>{path} wurde als {asset_id} hochgeladen, hat sich aber seitdem geändert; die Datei wurde nicht gelöscht, und ihr neuer Inhalt wird ebenfalls hochgeladen.</translation>
    </message>
    <message>
        <source>Left in place</source>
        <translation>Am Ort belassen</translation>
    </message>
    <message>
        <source>{path} was uploaded as {asset_id} but could not be moved ({reason}); it stays where it is.</source>
        <translation>{path} wurde als {asset_id} hochgeladen, konnte aber nicht verschoben werden ({reason}); die Datei bleibt, wo sie ist.</translation>
    </message>
    <message>
        <source>{path} was uploaded as {asset_id} but could not be deleted ({reason}); it stays where it is.</source>
        <translation>{path} wurde als {asset_id} hochgeladen, konnte aber nicht gelöscht werden ({reason}); die Datei bleibt, wo sie ist.</translation>
    </message>
    <message>
        <source>Could not tidy up</source>
        <translation>Aufräumen nicht möglich</translation>
    </message>
</context>
</TS>
