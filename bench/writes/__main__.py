"""`python -m bench.writes --help` lists the scenarios and the options."""

from bench.writes.cli import run_from_command_line

if __name__ == "__main__":
    run_from_command_line()
