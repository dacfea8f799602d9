#!/usr/bin/env python3
"""Executes one notebook headless with nbclient on the tslab kernel.

    python3 src/scripts/notebooks/execute-notebook.py SOURCE.ipynb TARGET.ipynb TIMEOUT_SECONDS

On a cell error it prints the cell and everything the cell wrote (tslab reports type
errors and exceptions on stderr, which nbconvert's own message leaves out), still writes
the partial notebook to TARGET, and exits 1. Used by run-notebooks.sh.
"""
import os
import sys

import nbformat
from nbclient import NotebookClient
from nbclient.exceptions import CellExecutionError
source, target, timeout = sys.argv[1], sys.argv[2], int(sys.argv[3])
notebook = nbformat.read(source, as_version=4)
client = NotebookClient(notebook, kernel_name='tslab', timeout=timeout, startup_timeout=120,
                        resources={'metadata': {'path': os.path.dirname(source) or '.'}})
failed = False
try:
    client.execute()
except CellExecutionError:
    failed = True
    for index, cell in enumerate(notebook.cells):
        outputs = cell.get('outputs', [])
        if any(o.get('output_type') == 'error' or o.get('name') == 'stderr' for o in outputs):
            print(f'--- cell {index} failed:\n{cell.source}\n--- its output:', file=sys.stderr)
            for output in outputs:
                if output.get('output_type') == 'stream':
                    print(output.get('text', ''), file=sys.stderr, end='')
                elif output.get('output_type') == 'error':
                    print(f"{output.get('ename')}: {output.get('evalue')}", file=sys.stderr)
finally:
    nbformat.write(notebook, target)
sys.exit(1 if failed else 0)
