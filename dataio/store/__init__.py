"""One module per aggregate: areas, burglaries, goals, action plans, walks, neighbour-help, surveys, users.

Every read of partnership data takes `viewer=` and is refused out of scope; every write takes `actor=`.
"""
