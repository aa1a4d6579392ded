"""`python -m bench`: Tessera's dashboards under load, next to the raw SQL floor and the naive ORM path.

For each database and scale: make (or reuse) the seeded database, then serve each target with
granian and load both dashboards with k6; print a table and write bench/results/<database>-<scale>.json.
`python -m bench --help` lists the options.
"""

from bench.cli import run_from_command_line

if __name__ == "__main__":
    run_from_command_line()
