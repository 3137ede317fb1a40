"""Server-rendered pages for people who do not sign in: the public withdrawal page (``/withdraw``)."""
