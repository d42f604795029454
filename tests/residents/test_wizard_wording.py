"""Wizard wording a Vietnamese reader expects: 'Bạn là: Mẹ của trẻ', not a section heading."""

from tests.conftest import html
from tests.dossiers.test_wizard import start


def choices(client, dossier_id, step="requester"):
    page = html(client.get(f"/dossiers/{dossier_id}/steps/{step}"))
    return [label.get_text(" ", strip=True) for label in page.select("fieldset label")]


def test_the_parent_filing_a_birth_says_mother_or_father_of_the_child(client, demo):
    dossier_id, _ = start(client, "birth")
    offered = choices(client, dossier_id)
    assert offered[:3] == ["Mẹ của trẻ", "Cha của trẻ", "Ông hoặc bà của trẻ"]
    assert "Thông tin người mẹ" not in offered


def test_the_relative_filing_a_death_says_whose_relative(client, demo):
    dossier_id, _ = start(client, "death")
    assert choices(client, dossier_id)[:3] == [
        "Vợ hoặc chồng của người chết",
        "Con của người chết",
        "Cha hoặc mẹ của người chết",
    ]
