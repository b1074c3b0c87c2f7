"""A partnership's meetings: store (meetings, agendas drafted from the status, decisions that create
or change plan items, the meeting pack's snapshot id) and minutes (the minutes as a PDF).

Every read takes `viewer=` and is refused out of scope; every write takes `actor=`.
"""
