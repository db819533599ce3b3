"""`python -m followlint` runs the command line."""

from followlint.launch import main

main()
