"""Benefits: average weekly wage / PIAWE, weekly rates, disability periods and their decisions.

``benefits.calculators`` is pure (no Django): statute arithmetic from the dated
parameters of ``jurisdictions.benefit_params``. The rest of the app records wage
statements and benefit rate decisions as claim events.
"""
