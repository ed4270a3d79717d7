"""Pastes a workbench export into a copy of DISARM_DATA_MASTER.xlsx as a maintainer would.

Usage: paste_master_rows.py EXPORT.xlsx MASTER.xlsx

For each sheet of the export (incidents, urls, incidenttechniques), each row's values go under the
master sheet's column of the same header, in the rows after the master's last filled one (the last
row with a value in its first column: the incidents sheet has the `longname` formula ready in a few
empty rows below its data). The master is saved in place; its other sheets are kept.
"""
import sys

import openpyxl


def main(export_path, master_path):
    export = openpyxl.load_workbook(export_path)
    master = openpyxl.load_workbook(master_path)
    for sheet in export.worksheets:
        if sheet.title not in master.sheetnames:
            sys.exit(f"the master has no sheet {sheet.title!r}")
        target = master[sheet.title]
        columns = {cell.value: cell.column for cell in target[1] if cell.value is not None}
        rows = list(sheet.iter_rows(values_only=True))
        header, data = rows[0], rows[1:]
        missing = [name for name in header if name not in columns]
        if missing:
            sys.exit(f"the master's {sheet.title} sheet has no column {missing}")
        last = max(row for row in range(1, target.max_row + 1) if target.cell(row, 1).value is not None)
        for offset, values in enumerate(data, start=1):
            for name, value in zip(header, values):
                target.cell(last + offset, columns[name]).value = value
    master.save(master_path)


if __name__ == "__main__":
    main(*sys.argv[1:])
