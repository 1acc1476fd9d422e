"""The catalogue of letters: versioned templates whose text cannot change under an issued letter."""

from __future__ import annotations

from opencomp.claims.enums import ActivityParty, NoticeType
from opencomp.claims.liability import option
from opencomp.letters.catalog import DIGESTS, TEMPLATES, for_decision
from opencomp.letters.render import TEMPLATE_DIR, template_digest


def test_every_template_version_still_has_the_text_it_was_issued_from():
    for template in TEMPLATES.values():
        assert template_digest(template) == DIGESTS[(template.id, template.version)], (
            f"{template.reference} changed: add version {template.version + 1} instead of editing it"
        )


def test_every_template_file_is_a_recorded_version():
    files = {
        p.relative_to(TEMPLATE_DIR / "letters").as_posix()
        for p in (TEMPLATE_DIR / "letters").glob("*/v*.html")
    }
    recorded = {f"{template_id}/v{version}.html" for template_id, version in DIGESTS}
    assert files == recorded


def test_every_letter_is_a_notice_to_known_parties_answering_decisions_its_jurisdiction_allows():
    for template in TEMPLATES.values():
        assert template.notice in NoticeType.values, template.id
        assert set(template.recipients) <= set(ActivityParty.values), template.id
        assert template.citation.strip(), template.id
        for jurisdiction in template.jurisdictions:
            for decision in template.decisions:
                assert option(jurisdiction, decision) is not None, (template.id, decision)
                assert for_decision(jurisdiction, decision) is template


def test_each_liability_decision_has_its_letter():
    from opencomp.claims.liability import OPTIONS

    for jurisdiction, options in OPTIONS.items():
        for o in options:
            assert for_decision(jurisdiction, o.code) is not None, (jurisdiction, o.code)
