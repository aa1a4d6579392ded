"""`python -m bench.scale --help`."""

from bench.scale.run import main

main()
