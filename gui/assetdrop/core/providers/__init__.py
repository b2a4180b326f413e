"""One module per signed-link API. Each provider builds its own requests and maps its own answers."""
