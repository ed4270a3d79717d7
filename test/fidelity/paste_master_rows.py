"""Pastes a workbench export into a copy of DISARM_DATA_MASTER.xlsx as a maintainer would.

Usage: paste_master_rows.py EXPORT.xlsx MASTER.xlsx

For each sheet of the export (incidents, urls, incidenttechniques), each row's values go under the
master sheet's column of the same header, in the rows after the master's last filled one (the last
row with a value in its first column: the incidents sheet has the `longname` formula ready in a few
empty rows below its data). A formula (the export's `longname`) is moved to its new row as Excel
moves a pasted formula. The master is saved in place; its other sheets are kept. Prints, as JSON,
what it wrote: {sheet: [{header: value}], "rows": {sheet: first row written}}.
"""
import json
import sys

import openpyxl
from openpyxl.formula.translate import Translator


def main(export_path, master_path):
    export = openpyxl.load_workbook(export_path)
    master = openpyxl.load_workbook(master_path)
    written = {"rows": {}}
    for sheet in export.worksheets:
        if sheet.title not in master.sheetnames:
            sys.exit(f"the master has no sheet {sheet.title!r}")
        target = master[sheet.title]
        columns = {cell.value: cell.column for cell in target[1] if cell.value is not None}
        header = [cell.value for cell in sheet[1]]
        missing = [name for name in header if name not in columns]
        if missing:
            sys.exit(f"the master's {sheet.title} sheet has no column {missing}")
        last = max(row for row in range(1, target.max_row + 1) if target.cell(row, 1).value is not None)
        written["rows"][sheet.title] = last + 1
        written[sheet.title] = []
        for offset, source in enumerate(sheet.iter_rows(min_row=2), start=1):
            row = {}
            written[sheet.title].append(row)
            for name, cell in zip(header, source):
                value = cell.value
                destination = target.cell(last + offset, columns[name])
                if isinstance(value, str) and value.startswith("="):
                    value = Translator(value, origin=cell.coordinate).translate_formula(destination.coordinate)
                destination.value = value
                row[name] = value
    master.save(master_path)
    print(json.dumps(written))


if __name__ == "__main__":
    main(*sys.argv[1:])
