"""The ledger (`kernel.contracts.ledger`), kept by tenancy, which knows each vendor's platforms.

- `sql_ledger.py`: `SqlLedger`, the reader and writer every module is given, and the membership
  moves tenancy's own services make;
- `read.py`: a dashboard's one statement on it; `batch.py`: every ledger category in that one read;
- `by_day.py`: an owner's figures day by day (a chart's points), and a platform's vendors ranked;
- `fold.py`: moving what writes appended into the ledger rows, exactly once;
- `days.py`: local days, and days again when a time zone changes;
- `rebuild.py`: the whole ledger computed afresh from every module's raw tables.
"""

from modules.tenancy.ledger.batch import LedgerBatch
from modules.tenancy.ledger.rebuild import FoldInProgressError
from modules.tenancy.ledger.sql_ledger import SqlLedger

__all__ = ("FoldInProgressError", "LedgerBatch", "SqlLedger")
