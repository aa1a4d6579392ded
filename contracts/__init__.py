"""What modules and adapters agree on without importing each other: the protocols one module
implements and another is handed by the composition root (catalog's products, inventory's stock,
tenancy's directory and module switches, the HTTP adapter's token issuer).

It sits between the modules and the kernel: it imports the kernel only, and every module and adapter
may import it. The kernel's own contracts (the ledger, the aggregator's sessions) stay in
`kernel/contracts/`: they are what the kernel's machinery runs on, not agreements between modules.
"""
