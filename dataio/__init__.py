"""Everything that touches the outside: the database, files, the meeting pack and seed data.

`db/` engine, transactions, migrations, audit trail; `store/` one module per aggregate (reads take
`viewer=`, writes take `actor=`); `files/` readers and importers per file format; `meeting_pack/`
the report's content, charts, PDF and workbook; `seed/` reference and demo data and `botrygt init`.
Nothing here imports `ui` or `cli`.
"""
