"""`python -m followlint` runs the command line."""

from followlint.cli import main

main()
