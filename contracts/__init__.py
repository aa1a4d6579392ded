"""What modules and adapters agree on without importing each other.

The protocols one module implements and another is handed by the composition root (catalog's
products, inventory's stock, tenancy's directory and module switches, the HTTP adapter's token
issuer); the API's field bounds and page shape that module schemas and the HTTP adapter's error
messages share; the context the seeders and their runner share; and the cache-only rule between the
HTTP adapter and tenancy's caches.

It sits between the modules and the kernel: it imports the kernel only, and every module and adapter
may import it. None of it is what a dashboard needs, so none of it is the kernel's. The kernel's own
contracts (the ledger, the aggregator's sessions) stay in `kernel/contracts/`.

How a module's container declares what it takes from the root (`needs`) is such an agreement too,
so this package, unlike the kernel, may name dependency-injector's providers. A plug-in module's
first needs are re-exported here, so one import line brings them.
"""

from contracts.fields import Name
from contracts.needs import needs

__all__ = ("Name", "needs")
