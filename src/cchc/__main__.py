"""``python -m cchc`` runs the command line."""

from cchc.cli import main

main()
