"""The transfer queue: items with a status and bytes done, a thread-safe dispatcher, and their SQLite store."""
