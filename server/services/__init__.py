"""Server operations behind the HTTP routes and the CLI: intake, verification, withdrawal, review, purge."""
