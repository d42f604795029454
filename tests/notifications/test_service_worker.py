"""Chromium runs the service worker's push handler and shows the notification the worker sent."""

import json

import pytest

pytestmark = pytest.mark.browser


def test_a_push_message_shows_a_notification_that_a_repeat_replaces(browser, live_server, point):
    context = browser.new_context()
    try:
        context.grant_permissions(["notifications"], origin=live_server)
        page = context.new_page()
        page.goto(live_server + "/manifest.webmanifest")
        page.evaluate("navigator.serviceWorker.register('/sw.js').then(() => navigator.serviceWorker.ready)")
        cdp = context.new_cdp_session(page)
        registrations = []
        cdp.on("ServiceWorker.workerRegistrationUpdated", lambda e: registrations.extend(e["registrations"]))
        cdp.send("ServiceWorker.enable")
        for _ in range(100):
            if registrations:
                break
            page.wait_for_timeout(50)
        registration = registrations[0]["registrationId"]
        for body in ("Mời số B012 đến quầy 2.", "Mời lại số B012 đến quầy 2."):
            payload = {"title": "Số B012", "body": body, "url": live_server + "/t/abc", "tag": "B012"}
            cdp.send(
                "ServiceWorker.deliverPushMessage",
                {"origin": live_server, "registrationId": registration, "data": json.dumps(payload)},
            )
        shown = []
        for _ in range(100):
            shown = page.evaluate(
                "navigator.serviceWorker.ready.then(r => r.getNotifications())"
                ".then(list => list.map(n => [n.title, n.body, n.tag]))"
            )
            if shown and shown[0][1].startswith("Mời lại"):
                break
            page.wait_for_timeout(50)
        assert shown == [["Số B012", "Mời lại số B012 đến quầy 2.", "B012"]]  # the recall replaced the call
    finally:
        context.close()
