<?xml version="1.0" encoding="utf-8"?>
<!DOCTYPE TS>
<TS version="2.1" language="en_US">
<context>
    <name>BrowsePanel</name>
    <message numerus="yes">
        <source>%n recent upload(s) to %1 from this computer.</source>
        <translation>
            <numerusform>%n recent upload to %1 from this computer.</numerusform>
            <numerusform>%n recent uploads to %1 from this computer.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%Ln asset(s) found.</source>
        <translation>
            <numerusform>%Ln asset found.</numerusform>
            <numerusform>%Ln assets found.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>DragStager</name>
    <message numerus="yes">
        <source>Downloading %n asset(s) for the drop…</source>
        <translation>
            <numerusform>Downloading %n asset for the drop…</numerusform>
            <numerusform>Downloading %n assets for the drop…</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) or folder(s) handed to the drop.</source>
        <translation>
            <numerusform>%n file or folder handed to the drop.</numerusform>
            <numerusform>%n files or folders handed to the drop.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>FailureNotice</name>
    <message numerus="yes">
        <source>%n failed</source>
        <translation>
            <numerusform>%n failed</numerusform>
            <numerusform>%n failed</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>ItemTexts</name>
    <message numerus="yes">
        <source>%n percent</source>
        <translation>
            <numerusform>%n percent</numerusform>
            <numerusform>%n percent</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>retrying in %n second(s)</source>
        <translation>
            <numerusform>retrying in %n second</numerusform>
            <numerusform>retrying in %n seconds</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>MainWindow</name>
    <message numerus="yes">
        <source>Removed %n partial download(s) (%1).</source>
        <translation>
            <numerusform>Removed %n partial download (%1).</numerusform>
            <numerusform>Removed %n partial downloads (%1).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>The queue&apos;s previous owner has gone; this window now runs it (%n unfinished transfer(s)).</source>
        <translation>
            <numerusform>The queue&apos;s previous owner has gone; this window now runs it (%n unfinished transfer).</numerusform>
            <numerusform>The queue&apos;s previous owner has gone; this window now runs it (%n unfinished transfers).</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n file(s) done.</source>
        <translation>
            <numerusform>%n file done.</numerusform>
            <numerusform>%n files done.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>
…and %n more</source>
        <translation>
            <numerusform>
…and %n more</numerusform>
            <numerusform>
…and %n more</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>Plurals</name>
    <message numerus="yes">
        <source>%n unfinished transfer(s) from the last session resumed.</source>
        <translation>
            <numerusform>%n unfinished transfer from the last session resumed.</numerusform>
            <numerusform>%n unfinished transfers from the last session resumed.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>%n unfinished transfer(s) from the last session paused.</source>
        <translation>
            <numerusform>%n unfinished transfer from the last session paused.</numerusform>
            <numerusform>%n unfinished transfers from the last session paused.</numerusform>
        </translation>
    </message>
</context>
<context>
    <name>SelectionActions</name>
    <message numerus="yes">
        <source>Queued %n download(s).</source>
        <translation>
            <numerusform>Queued %n download.</numerusform>
            <numerusform>Queued %n downloads.</numerusform>
        </translation>
    </message>
    <message numerus="yes">
        <source>Queued %n download(s) to %1.</source>
        <translation>
            <numerusform>Queued %n download to %1.</numerusform>
            <numerusform>Queued %n downloads to %1.</numerusform>
        </translation>
    </message>
</context>
</TS>
