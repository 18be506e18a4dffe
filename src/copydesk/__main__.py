"""``python -m copydesk`` is the ``copydesk`` command."""

from copydesk.cli import main

main()
