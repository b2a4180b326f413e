"""The PySide6 window: thin views and workers over `assetdrop.core` (Qt code never builds HTTP requests)."""
