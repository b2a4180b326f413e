"""Watch folders: files exported into a folder are uploaded once they are complete, each exactly once, through
the same queue as dropped files (scan.py, stability.py, ledger.py, actions.py, watcher.py)."""
