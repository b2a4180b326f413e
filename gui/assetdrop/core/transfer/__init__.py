"""Moving bytes: streaming upload to presigned storage, download to a folder, progress and cancellation."""
