"""The meeting pack: content per goal, charts (matplotlib), the PDF (fpdf2) and the workbook (openpyxl)."""
