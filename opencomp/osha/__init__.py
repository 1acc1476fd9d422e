"""OSHA injury and illness recordkeeping (29 CFR Part 1904).

``recordability`` (pure) decides whether a case is recordable, its outcome column, its day
counts and whether it is a privacy concern case, from the rules in
``packs/recordkeeping.yaml`` (``rules``, pure).
"""
