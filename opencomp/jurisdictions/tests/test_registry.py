import pytest

from opencomp.jurisdictions import JURISDICTIONS, choices, get


def test_jurisdiction_registry():
    assert sorted(JURISDICTIONS) == ["CO", "CT", "MN", "NSW"]
    assert get("NSW").time_zone == "Australia/Sydney"
    assert choices()[0] == ("CO", "Colorado")
    with pytest.raises(KeyError, match="known: CO, CT, MN, NSW"):
        get("CA")
