"""followlint: a linter for interview follow-up and thank-you messages."""

__version__ = "0.1.0"
