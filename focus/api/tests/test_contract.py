"""The API keeps its published contract: schemathesis generates requests from the OpenAPI
schema (valid ones and malformed ones) and checks that no answer is a server error and
that every answer, its status, type, headers and body, is one the schema describes."""

import pytest
import schemathesis
from django.core.signals import request_finished, request_started
from django.core.wsgi import get_wsgi_application
from django.db import close_old_connections
from hypothesis import HealthCheck, settings
from schemathesis.checks import not_a_server_error
from schemathesis.specs.openapi.checks import (
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
    status_code_conformance,
)

# Requests go through the whole Django stack (middleware included), in the test's
# transaction, on the test's database.
schema = schemathesis.openapi.from_wsgi(
    "/api/v1/openapi.json", get_wsgi_application(), headers={"Host": "localhost"}
)

CHECKS = [
    not_a_server_error,
    status_code_conformance,
    content_type_conformance,
    response_headers_conformance,
    response_schema_conformance,
]


@pytest.fixture
def one_connection():
    """Keep the test's database connection across requests, as Django's test client does:
    at the end of each request the WSGI handler would otherwise close it (it is inside the
    test's transaction, so not in autocommit) and PostgreSQL would lose the test's data."""
    request_started.disconnect(close_old_connections)
    request_finished.disconnect(close_old_connections)
    yield
    request_started.connect(close_old_connections)
    request_finished.connect(close_old_connections)


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_answer_conforms_to_the_schema(case, observatory, one_connection):
    case.call_and_validate(checks=CHECKS, headers={"Host": "localhost"})
