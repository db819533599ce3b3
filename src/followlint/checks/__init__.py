"""Python rule functions named by `kind: python` rule files."""
