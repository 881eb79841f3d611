"""Any text the store accepts ends up in documents that open again, as typed."""

from __future__ import annotations

import dataclasses

from export_helpers import all_text, reopen
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from exports import DOCUMENTS, build_document
from model.validation import clean_text

texts = st.text(
    st.characters(codec="utf-8", exclude_categories=("Cs",))
    | st.sampled_from("åäöÅÄÖ\n\t😊<&>\"'"),
    max_size=60,
).map(clean_text)


@settings(
    max_examples=25, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(child=texts, story=texts, what=texts, note=texts, name=texts)
def test_any_clean_text_gives_documents_that_reopen(demo, child, story, what, note, name):
    m = demo[0]
    case = dataclasses.replace(m.case, child_name=name.strip() or "X")
    actions = (dataclasses.replace(m.actions[0], what=what, result=note), *m.actions[1:])
    view = dataclasses.replace(
        m, case=case, family_story_child=child, family_story_guardians=story, question=story,
        actions=actions, notes={**m.notes, ("fragestund", "notes"): note},
    )  # fmt: skip
    expected = {"sip": (child, story, what), "anteckningar": (child, story, note, what)}
    for code in DOCUMENTS:
        text = all_text(reopen(build_document(code, view)))
        for value in expected.get(code, ()):
            for line in value.strip("\n").split("\n") if value.strip() else ():
                assert line in text, (code, line)
        assert "None" not in text.replace(name, "").replace(child, "").replace(story, "").replace(
            note, ""
        ).replace(what, "")
