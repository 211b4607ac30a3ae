"""PHI sealing at rest: a key may be rotated without losing what the old key sealed."""
import pytest
from cryptography.fernet import Fernet

from booking.adapters.sealing import Sealer


def test_a_value_sealed_with_the_old_key_opens_after_rotation_and_new_values_use_the_new_key():
    old, new = Fernet.generate_key(), Fernet.generate_key()
    sealed_before = Sealer(old).seal({"concerns": "panic at work"})
    rotated = Sealer(new + b", " + old)
    assert rotated.open(sealed_before) == {"concerns": "panic at work"}
    sealed_after = rotated.seal(["questions"])
    assert Sealer(new).open(sealed_after) == ["questions"]
    with pytest.raises(RuntimeError, match="list the key that sealed it"):
        Sealer(old).open(sealed_after)


def test_a_value_sealed_with_a_key_no_longer_listed_is_refused_by_name_not_read_as_something_else():
    sealed = Sealer(Fernet.generate_key()).seal("text")
    with pytest.raises(RuntimeError, match="BOOKING_PHI_KEY"):
        Sealer(Fernet.generate_key()).open(sealed)
