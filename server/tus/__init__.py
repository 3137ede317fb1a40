"""tus 1.0.0 at /files/: core, creation, creation-with-upload, termination, checksum, expiration."""
