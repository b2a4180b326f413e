"""The Qt-free heart of Assetdrop: providers, transfers, credentials and settings.

Nothing under this package imports Qt, so the CLI, the tests and the window all drive the same code.
"""
