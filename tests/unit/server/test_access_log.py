"""The server's access log names routes, never query strings or free text (the withdrawal page's link
carries both codes; a review search may carry a person's name)."""

from __future__ import annotations

from dataclasses import dataclass

from server.access_log import route_path


@dataclass
class Route:
    """What the router records in the scope: the route's template."""

    path: str


def scope(template: str | None, path: str, **params: str) -> dict[str, object]:
    found: dict[str, object] = {
        "path": path,
        "path_params": params,
        "query_string": b"code=K7M3Q-9XDAB-4TRWH",
    }
    if template is not None:
        found["route"] = Route(template)
    return found


def test_a_route_is_logged_by_its_template_and_only_id_shaped_values() -> None:
    assert route_path(scope("/withdraw", "/withdraw")) == "/withdraw"
    assert route_path(scope("/health", "/api/v1/health")) == "/api/v1/health"  # the include prefix is kept
    sid = "1f46f562-ea32-44fc-bca8-551a708486dd"
    detail = "/review/submissions/{submission_id}"
    assert route_path(scope(detail, f"/api/v1/review/submissions/{sid}", submission_id=sid)) == (
        f"/api/v1/review/submissions/{sid}"
    )
    named = scope(detail, "/api/v1/review/submissions/Jane Doe", submission_id="Jane Doe")
    assert route_path(named) == "/api/v1/review/submissions/{submission_id}"
    reference = scope("/status/{reference}", "/api/v1/status/VB-7K3M-Q9XD", reference="VB-7K3M-Q9XD")
    assert route_path(reference) == "/api/v1/status/VB-7K3M-Q9XD"
    upload = "a" * 32
    assert route_path(scope("/files/{upload_id}", f"/files/{upload}", upload_id=upload)) == f"/files/{upload}"


def test_a_path_no_route_matched_is_not_logged_at_all() -> None:
    assert route_path(scope(None, "/Jane Doe/wp-admin")) == "(no such path)"
