"""Pure benefit calculators: no Django, exact Decimal arithmetic, every figure cited.

- ``weekly``: TTD/TPD rates (CO, MN, CT), NSW weekly payments and PIAWE indexation.
- ``aww``: average weekly wage from wage history; NSW PIAWE with concurrent employment.
- ``period``: a disability period's waiting, compensable days and amount; Denver salary continuation.
- ``nsw_weeks``: NSW entitlement weeks, step-down dates, the s 39 end, s 59A medical limits.
- ``reimbursement``: the NSW employer wage reimbursement schedule (seed 004, Appendix 1).

Figures come from ``opencomp.jurisdictions.benefit_params``; a date without a sourced
figure raises ``MissingFigure``. Bad input raises ``types.InputError`` naming the argument.
"""
