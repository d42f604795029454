"""axe-core finds no serious or critical issue on the pages people use, in both languages."""

from pathlib import Path

import pytest

from tests.conftest import PHONE
from tests.test_conventions import public_get_pages, staff_get_pages

pytestmark = pytest.mark.browser

AXE = Path(__file__).resolve().parent.parent / "a11y" / "node_modules" / "axe-core" / "axe.min.js"


def axe_context(browser, **options):
    """A context whose every page loads axe before its own scripts: cheaper than injecting it
    after each navigation. It bypasses our CSP to do so (tests only)."""
    context = browser.new_context(bypass_csp=True, **options)
    context.add_init_script(path=str(AXE))
    return context


def axe_violations(page):
    # Pages outside an axe_context get axe as a script tag (their context must bypass the CSP).
    if not page.evaluate("typeof axe !== 'undefined'"):
        page.add_script_tag(path=str(AXE))
    # Only violations are worked out in full: passes and incomplete checks cost time we never read.
    result = page.evaluate("""async () => {
        const r = await axe.run(document, {
            runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'best-practice']},
            resultTypes: ['violations'],
        });
        return r.violations.filter(v => v.impact === 'serious' || v.impact === 'critical')
                 .map(v => v.id + ': ' + v.help + ' @ ' + v.nodes.map(n => n.target.join(' ')).slice(0, 3).join(', '));
    }""")
    return result


def sign_in_page(page, base, user):
    page.goto(base + "/login")
    page.fill("#username", user.username)
    page.fill("#password", "correct horse 42")
    page.click("button[type=submit], form.app-form button")
    page.wait_for_load_state()


@pytest.mark.parametrize("language", ["vi", "en"])
def test_public_and_staff_pages_have_no_serious_accessibility_issue(
    app, browser, demo, live_server, make_user, language, clock
):
    if not AXE.exists():
        pytest.fail(f"{AXE} is missing: run `make axe` (npm ci in tests/a11y)")
    context = axe_context(browser, **PHONE)
    page = context.new_page()
    page.goto(f"{live_server}/lang/{language}")
    problems = {}

    def check(url, name=None):
        page.goto(live_server + url)
        if "text/html" in (page.evaluate("document.contentType") or ""):  # not JSON, images...
            found = axe_violations(page)
            if found:
                problems[name or url] = found

    for url in public_get_pages(app):
        check(url)
    # Pages behind a token or an id: a resident's ticket and a desk console.
    from app.models import Desk, Procedure
    from app.services import queue

    clock(2026, 11, 26, 9, 0)  # a Thursday morning session, whatever the hour the suite runs
    ticket = queue.issue_ticket(demo, Procedure.query.filter_by(code="khai-sinh").one(), channel="office")
    desk = Desk.query.filter_by(point_id=demo.id).order_by(Desk.number).first()
    check(f"/t/{ticket.token}", "/t/<token>")
    sign_in_page(page, live_server, make_user("admin"))
    for url in staff_get_pages(app) + [f"/desk/{desk.id}"]:
        check(url)
    context.close()
    assert problems == {}


def test_the_checker_itself_catches_a_missing_label(browser):
    context = browser.new_context(bypass_csp=True)
    page = context.new_page()
    page.set_content('<html lang="vi"><title>x</title><main><input id="q"><img src="a.png"></main></html>')
    found = " ".join(axe_violations(page))
    context.close()
    assert "label" in found and "image-alt" in found
