"""Retention: finished dossiers and abandoned drafts lose their personal data, the counts stay."""

from datetime import timedelta

from app.extensions import db
from app.models import Dossier
from app.services import dossiers as service
from app.timeutil import utcnow

from .conftest import make_dossier


def test_purge_anonymises_old_finished_dossiers_and_keeps_the_rows(demo, clock):
    clock(2026, 1, 5, 9, 0)
    old = make_dossier(demo, "birth")
    service.move(old, "received")
    service.move(old, "completed")
    service.move(old, "returned", note="Đã trả cho bà Nguyễn Thị Lan")
    old_draft = make_dossier(demo, "death", submit=False)
    clock(2026, 12, 7, 9, 0)
    recent = make_dossier(demo, "extract")
    service.move(recent, "withdrawn")
    still_open = make_dossier(demo, "marital")
    before = Dossier.query.count()

    assert service.purge_personal_data(older_than_days=180) == 2

    assert Dossier.query.count() == before
    for dossier in (old, old_draft):
        assert dossier.anonymised
        assert (dossier.applicant_name, dossier.applicant_phone, dossier.applicant_id_number) == (
            None,
            None,
            None,
        )
        assert "Lan" not in dossier.answers_json and "Bình" not in dossier.answers_json
        assert all(event.note is None for event in dossier.events)
    assert old.status == "returned" and old.code
    assert old_draft.status == "cancelled" and old_draft.resume_code is None
    assert recent.applicant_name == "Phạm Thị Hoa" and not recent.anonymised
    assert still_open.applicant_phone == "0778123456"
    assert service.purge_personal_data(older_than_days=180) == 0


def test_an_anonymised_dossier_can_no_longer_be_looked_up(demo, clock):
    clock(2026, 1, 5, 9, 0)
    dossier = make_dossier(demo, "extract")
    service.move(dossier, "withdrawn")
    clock(2026, 12, 7, 9, 0)
    service.purge_personal_data(30)
    assert service.lookup(dossier.code, "0356789012", "9.9.9.9").dossier is None


def test_the_cli_command_purges_and_says_how_many(app, demo, clock):
    clock(2026, 1, 5, 9, 0)
    dossier = make_dossier(demo, "extract")
    service.move(dossier, "refused", note="Không thuộc thẩm quyền")
    clock(2026, 12, 7, 9, 0)
    result = app.test_cli_runner().invoke(args=["purge-personal-data", "--older-than", "90"])
    assert result.exit_code == 0, result.output
    assert "1" in result.output
    db.session.refresh(dossier)
    assert dossier.anonymised and dossier.applicant_name is None
    assert utcnow() - dossier.finished_at > timedelta(days=90)


def test_the_cli_command_needs_a_number_of_days(app):
    result = app.test_cli_runner().invoke(args=["purge-personal-data"])
    assert result.exit_code != 0
    assert "--older-than" in result.output
