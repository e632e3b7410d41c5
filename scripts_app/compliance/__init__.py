"""The compliance pre-check: staff-managed rules, matched in script text and titles.

It advises and never blocks. ``engine`` (pure Python) normalises and matches; ``roles``
tells which lines are addressed to the viewer; ``ruleset`` keeps the compiled rules per
rule-set version; ``report`` builds what the analysis page and API show. See
docs/compliance.md.
"""
