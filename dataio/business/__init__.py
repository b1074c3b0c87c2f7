"""Business neighbour-watch (erhvervsnabohjælp) and the business association (Erhvervsforening) as
a partner: store (business groups with their member and security-check counts, their events, the
safety walks in their business areas, the checked share per municipality).

Every read takes `viewer=` and is refused out of scope; every write takes `actor=`, is checked
against `Action.EDIT_BUSINESS_GROUPS` and audited in the same transaction. The counts and checks
are pure, in `models/business.py`.
"""
