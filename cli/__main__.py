"""`python -m cli`: the same as the `botrygt` command."""

from cli import main

raise SystemExit(main())
