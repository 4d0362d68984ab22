"""The API keeps its published contract: schemathesis generates requests from the OpenAPI
schema (valid ones and malformed ones) and checks that no answer is a server error and
that every answer, its status, type, headers and body, is one the schema describes."""

import schemathesis
from django.core.wsgi import get_wsgi_application
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


@schema.parametrize()
@settings(
    max_examples=30,
    deadline=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)
def test_every_answer_conforms_to_the_schema(case, observatory):
    case.call_and_validate(checks=CHECKS, headers={"Host": "localhost"})
