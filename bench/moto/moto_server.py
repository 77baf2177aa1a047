"""moto's server for the fleet-scan benchmark, with one emulator cost taken out.

moto's TransactWriteItems deep-copies every table it touches, once per item of the transaction, so that it can
restore them if the transaction fails. A transaction then costs time in proportion to the whole table, and filling
a table of 1,000 Applications (a few transactions each, on a table growing to thousands of items) takes hours and
gigabytes. Here the copy is of the table's item index only: the Item objects are shared. A put or a delete in a
failed transaction is still undone (the index is restored); an UpdateItem inside a failed transaction, which moto
applies to the Item in place, is not. Driftless's transactions put, delete and check conditions; and nothing of this
changes what the scan reads or writes, only how long the emulator takes to set the table up.

Run as moto.server is: python3 moto_server.py -H HOST -p PORT
"""

import copy
import sys
from collections import defaultdict

import moto.dynamodb.models as dynamodb_models
from moto.dynamodb.models.table import Table
from moto.server import main


class _IndexCopy:
    """The copy module as dynamodb.models sees it: deepcopy of a Table copies its item index, not its items."""

    def __getattr__(self, name):
        return getattr(copy, name)

    @staticmethod
    def deepcopy(value, memo=None):
        if not isinstance(value, Table):
            return copy.deepcopy(value, memo)
        snapshot = copy.copy(value)
        snapshot.items = defaultdict(dict, {
            key: dict(entry) if isinstance(entry, dict) else entry for key, entry in value.items.items()})
        return snapshot


dynamodb_models.copy = _IndexCopy()

if __name__ == "__main__":
    main(sys.argv[1:])
