"""Services: everything the CLI and the terminal app do, as plain Python over a :class:`Context`.

No module here imports Textual or Typer; the shells stay thin.
"""
