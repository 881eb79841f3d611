"""Words: a message never says "förstås" (read as "of course"), counts agree with their noun,
and a meeting's state has one name everywhere."""

from __future__ import annotations

import pytest

from model.labels import count_of, meeting_state
from model.transfer.check import _datetime
from model.validation import InvalidInput


def test_an_unreadable_time_in_a_case_file_is_explained_without_forstas():
    with pytest.raises(InvalidInput) as caught:
        _datetime("igår kväll", "meetings[0].started_at")
    assert "förstås" not in caught.value.message
    assert caught.value.message.startswith("Tidpunkten kan inte läsas (igår kväll)")


def test_counts_and_states():
    assert [count_of(n, "sak", "saker") for n in (0, 1, 2)] == ["0 saker", "1 sak", "2 saker"]
    assert meeting_state("held") == "hållet"
    assert meeting_state("held", capital=True) == "Hållet"
    assert meeting_state("in_progress") == "pågår"
