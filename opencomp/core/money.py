"""Money is ``Decimal``; rounding happens here and only here.

The rounding rule is always passed in explicitly (a jurisdiction's rule pack says
which one applies), because ``Decimal.quantize`` rounds half to even by default.
"""

from __future__ import annotations

from decimal import ROUND_HALF_UP, Decimal, InvalidOperation

CENT = Decimal("0.01")


def to_money(value: object) -> Decimal:
    """Parse a money value; floats are refused because they are not exact."""
    if isinstance(value, float):
        raise TypeError("money must not be a float; pass a str or Decimal")
    try:
        amount = Decimal(str(value))
    except InvalidOperation as exc:
        raise ValueError(f"not a money amount: {value!r}") from exc
    if not amount.is_finite():
        raise ValueError(f"not a money amount: {value!r}")
    return amount


def round_money(amount: Decimal, *, rounding: str = ROUND_HALF_UP) -> Decimal:
    """Round to cents with the given ``decimal`` rounding rule."""
    return amount.quantize(CENT, rounding=rounding)


def round_to_step(amount: Decimal, step: Decimal, *, rounding: str = ROUND_HALF_UP) -> Decimal:
    """Round to a multiple of ``step`` (``Decimal("0.10")``, ``Decimal("1")``, ``Decimal("10")``).

    ``step`` must be positive. The result keeps two decimal places, as money does.
    """
    if step <= 0:
        raise ValueError("step must be positive")
    units = (amount / step).quantize(Decimal(1), rounding=rounding)
    return (units * step).quantize(CENT)
