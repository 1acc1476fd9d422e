"""Physicians and examinations: treating doctors and changes, IMEs, consultants, MMI, impairment."""
