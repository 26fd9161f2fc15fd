"""`python -m cli …` runs the same commands as the installed `kefu` script, under the same name."""
from cli import app

app(prog_name="kefu")
