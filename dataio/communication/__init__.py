"""Track 3, communication (issue 18): press (the press log: reads, the share of constructive
coverage per quarter, writes) and stakeholders (the register of the partnership's "aktører" and
the plan items that name them as partners).

Every read takes `viewer=` and is refused out of scope; every write takes `actor=`, is checked
against models.permissions (EDIT_PRESS_LOG, EDIT_STAKEHOLDERS) and audited in its transaction. An
edit or delete from a page older than the row (`row_version`) is refused and writes nothing.
"""
