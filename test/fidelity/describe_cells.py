"""Prints, as JSON, how a workbook's sheets format their filled cells, column by column.

Usage: describe_cells.py WORKBOOK.xlsx SHEET...

For each sheet: {header: {"formats": {number_format: count}, "formulas": [the first two]}}, over
the rows with a value in the first column.
"""
import json
import sys

import openpyxl


def describe(path, sheets):
    book = openpyxl.load_workbook(path)
    out = {}
    for name in sheets:
        sheet = book[name]
        headers = [cell.value for cell in sheet[1]]
        columns = {}
        for row in sheet.iter_rows(min_row=2):
            if row[0].value is None:
                continue
            for header, cell in zip(headers, row):
                if header is None or cell.value is None:
                    continue
                column = columns.setdefault(header, {"formats": {}, "formulas": []})
                column["formats"][cell.number_format] = column["formats"].get(cell.number_format, 0) + 1
                if cell.data_type == "f" and len(column["formulas"]) < 2:
                    column["formulas"].append(cell.value)
        out[name] = columns
    return out


if __name__ == "__main__":
    print(json.dumps(describe(sys.argv[1], sys.argv[2:])))
