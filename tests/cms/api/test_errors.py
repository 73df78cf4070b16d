"""Bad requests get HTTP 400 with a JSON message, never a 404 or a 500."""

import pytest

from ..factories import danish_tree


@pytest.mark.parametrize(
    ("path", "params", "message"),
    [
        ("pages/", {"locale": "xx"}, "unknown locale 'xx'"),
        ("pages/", {"limit": "ten"}, "limit must be a positive integer"),
        ("pages/", {"limit": "-5"}, "limit must be a positive integer"),
        ("pages/", {"limit": "201"}, "limit cannot be higher than 200"),
        ("pages/", {"offset": "x"}, "offset must be a positive integer"),
        ("pages/", {"fields": "title,colour"}, "unknown field(s): colour"),
        ("pages/", {"changed_since": "yesterday"}, "changed_since must be an ISO 8601 timestamp"),
        ("pages/", {"changed_since": "2026-13-45T99:00"}, "changed_since must be an ISO 8601"),
        ("pages/", {"translation_key": "not-a-uuid"}, "translation_key must be"),
        ("pages/", {"ids": "3,x"}, "ids must be a comma-separated list of page ids"),
        ("pages/", {"ids": ",".join(map(str, range(1, 202)))}, "ids takes at most 200 page ids"),
        ("pages/", {"ids": "99999999999999999999"}, "ids must be page ids from 1 to"),
        ("pages/", {"ids": "0"}, "ids must be page ids from 1 to"),
        ("pages/", {"type": "nope.Nothing"}, "type doesn't exist"),
        ("pages/", {"colour": "blue"}, "query parameter is not an operation or a recognised"),
        ("pages/", {"order": "owner"}, "cannot order by 'owner'"),
        ("navigation/", {}, "locale is required"),
        ("navigation/", {"locale": "tlh"}, "locale is required and must be a known locale"),
        ("contacts/", {"locale": "xx"}, "unknown locale 'xx'"),
        ("contacts/", {"limit": "1000"}, "limit cannot be higher than 200"),
    ],
)
def test_bad_requests_are_400_with_a_json_message(db, client, path, params, message):
    danish_tree()
    response = client.get(f"/api/v2/{path}", params)
    assert response.status_code == 400, response.content
    assert response["Content-Type"].startswith("application/json")
    assert message in response.json()["message"]


def test_a_page_that_does_not_exist_is_404_json(db, client):
    response = client.get("/api/v2/pages/999999/")
    assert response.status_code == 404
    assert response.json() == {"message": "No Page matches the given query."}
