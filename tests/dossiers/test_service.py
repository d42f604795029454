"""Dossier rules: drafts, codes, the status workflow, resume codes and the staff list order."""

import re
from datetime import date

import pytest

from app.models import Dossier
from app.services import dossiers as service
from app.services.dossiers import DossierError, drafts

from .conftest import make_dossier


def test_submitting_gives_a_short_unambiguous_code_and_a_due_date(demo, clock):
    clock(2026, 12, 7, 9, 0)
    dossier = make_dossier(demo, "marital")
    assert re.fullmatch(r"HS-2612-[2-9A-HJKMNP-Z]{4}", dossier.code)
    assert dossier.status == "submitted"
    assert dossier.due_date == date(2026, 12, 10)  # 3 working days
    assert dossier.resume_code is None
    assert [e.status for e in dossier.events] == ["submitted"]
    assert dossier.applicant_phone == "0778123456"


def test_a_draft_without_consent_or_with_a_missing_step_cannot_be_submitted(demo):
    dossier = make_dossier(demo, "marital", submit=False)
    with pytest.raises(DossierError) as missing:
        service.submit(dossier, ["consent", "requester", "residence", "status", "extra"])
    assert missing.value.reason == "incomplete"
    fresh = service.start_draft(dossier.procedure, demo)
    with pytest.raises(DossierError) as no_consent:
        service.submit(fresh, ["consent"])
    assert no_consent.value.reason == "no_consent"


def test_a_birth_registered_after_60_days_is_flagged_late(demo, clock):
    clock(2026, 12, 7, 9, 0)
    on_time = make_dossier(demo, "birth", child={"date_of_birth": "08/10/2026"})  # 60 days
    late = make_dossier(demo, "birth", child={"date_of_birth": "07/10/2026"})  # 61 days
    assert on_time.answers["_late"] is False
    assert late.answers["_late"] is True


@pytest.mark.parametrize(
    "path, refused",
    [
        (["received", "processing", "completed", "returned"], "processing"),
        (["refused"], "received"),
        (["withdrawn"], "received"),
    ],
)
def test_staff_move_dossiers_only_along_the_workflow(demo, path, refused):
    dossier = make_dossier(demo, "extract")
    for status in path:
        service.move(dossier, status, note="ghi chú")
    assert dossier.status == path[-1]
    assert dossier.finished_at is not None
    with pytest.raises(DossierError):
        service.move(dossier, refused)
    assert [e.status for e in dossier.events] == ["submitted"] + path


def test_a_submitted_dossier_cannot_jump_to_completed(demo):
    dossier = make_dossier(demo, "extract")
    with pytest.raises(DossierError) as error:
        service.move(dossier, "completed")
    assert error.value.reason == "illegal_move"
    assert dossier.status == "submitted"


def test_asking_for_a_supplement_needs_to_say_what_is_missing(demo):
    dossier = make_dossier(demo, "birth")
    with pytest.raises(DossierError) as error:
        service.move(dossier, "supplement", note="  ")
    assert error.value.reason == "note_required"
    service.move(dossier, "supplement", note="Thiếu giấy chứng sinh bản chính")
    assert dossier.supplement_request == "Thiếu giấy chứng sinh bản chính"


def test_the_time_limit_restarts_when_the_supplement_arrives(demo, clock):
    clock(2026, 12, 7, 9, 0)
    dossier = make_dossier(demo, "marital")
    service.move(dossier, "supplement", note="Thiếu bản án ly hôn")
    clock(2026, 12, 9, 16, 0)
    service.move(dossier, "received")
    assert dossier.supplement_request is None
    assert dossier.due_date == date(2026, 12, 15)  # counted from Thu 10: Fri 11, Mon 14, Tue 15


def test_filing_details_are_recorded_in_the_history(demo, make_user):
    staff = make_user("staff", point=demo)
    dossier = make_dossier(demo, "death")
    service.record_filing(dossier, "volunteer", " G22.42-261207-0001 ", staff)
    assert (dossier.channel, dossier.portal_code) == ("volunteer", "G22.42-261207-0001")
    assert dossier.events[-1].user == staff
    assert service.timeline(dossier)[-1].status == "submitted"  # not shown to residents
    with pytest.raises(DossierError):
        service.record_filing(dossier, "fax", None)


def test_the_staff_list_puts_overdue_dossiers_first_then_by_due_date(demo, clock):
    clock(2026, 12, 1, 9, 0)
    overdue = make_dossier(demo, "marital")  # due 04/12
    clock(2026, 12, 7, 9, 0)
    later = make_dossier(demo, "marital")  # due 10/12
    today = make_dossier(demo, "birth")  # due 07/12
    finished = make_dossier(demo, "extract")
    service.move(finished, "withdrawn")
    codes = [d.code for d in service.staff_list(demo, "open")]
    mine = [c for c in codes if c in {overdue.code, later.code, today.code, finished.code}]
    assert mine == [overdue.code, today.code, later.code]
    assert service.is_overdue(overdue) and not service.is_overdue(today)
    assert finished in service.staff_list(demo, "withdrawn")
    assert all(d.status != "draft" for d in service.staff_list(demo, "all"))


def test_a_resume_code_reopens_a_draft_in_a_new_session_and_closes_the_old_one(demo):
    draft = make_dossier(demo, "birth", submit=False)
    old_key = draft.draft_key
    typed = draft.resume_code.lower().replace("-", " ")
    attempt = service.resume(typed, "1.2.3.4")
    assert attempt.dossier == draft
    assert service.draft_for_key(draft.id, draft.draft_key) == draft
    assert service.draft_for_key(draft.id, old_key) is None
    assert draft.answers["child"]["full_name"] == "Trần Minh Khôi"


def test_resume_codes_stop_working_once_submitted_and_are_throttled(demo, app):
    draft = make_dossier(demo, "birth", submit=False)
    code = draft.resume_code
    service.submit(draft, ["consent", "requester", "child", "origin", "mother", "father", "copies"])
    assert service.resume(code, "5.6.7.8").dossier is None
    limit, _ = app.config["DOSSIER_RESUME_LIMIT"]
    for _ in range(limit - 1):
        service.resume("AAAA-AAAA", "5.6.7.8")
    assert service.resume("AAAA-AAAA", "5.6.7.8").throttled


def test_codes_are_unique_even_when_the_random_part_clashes(demo, monkeypatch):
    first = make_dossier(demo, "extract")
    draft = make_dossier(demo, "extract", submit=False)
    clash = iter([first.code[-4:], "ZZZZ"])
    monkeypatch.setattr(drafts, "random_code", lambda n: next(clash))
    service.submit(draft, ["consent", "requester", "record"])
    assert draft.code.endswith("ZZZZ") and draft.status == "submitted"
    assert Dossier.query.filter_by(code=first.code).count() == 1


def test_the_demo_has_dossiers_in_several_states_one_of_them_overdue(demo):
    dossiers = Dossier.query.filter(Dossier.status != "draft").all()
    assert {d.status for d in dossiers} >= {
        "submitted",
        "received",
        "processing",
        "supplement",
        "completed",
        "returned",
    }
    assert any(service.is_overdue(d) for d in dossiers)
    assert {d.channel for d in dossiers} == {"self", "volunteer", "paper"}
    assert all(d.code and d.applicant_phone for d in dossiers)
