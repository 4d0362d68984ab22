"""Anyone can contribute without an account; nothing reaches the public without an editor;
bad input is refused with a message and loses nothing; robots are stopped."""

import datetime as dt
import re

import pytest
from django.core import mail
from django.core.files.uploadedfile import SimpleUploadedFile
from django.test import Client

from focus.contributions.models import Action, Contribution, Status
from focus.library.models import Document
from focus.library.tests.test_extraction import SECRET, pdf_with_metadata
from focus.policies.models import Development, Instrument
from focus.policies.tests.factories import InstrumentFactory

pytestmark = pytest.mark.django_db

SOURCE = "https://www.dof.gob.mx/nota_detalle.php?codigo=5253267"


@pytest.fixture
def editor(alice):
    client = Client()
    client.force_login(alice)
    return client


def development(**changes) -> dict:
    data = {
        "country": "MEX",
        "development_type": "adopted",
        "date": "2024-03",
        "concerns": "Ley de protección de Veracruz",
        "summary": "The state congress adopted a protection law for defenders.",
        "sources": SOURCE,
        "credit": "organisation",
        "organisation": "Red de defensoras",
        "consent": "on",
        "website": "",
    }
    data.update(changes)
    return {k: v for k, v in data.items() if v is not None}


def _send(client, kind="development", language="en", **changes):
    return client.post(f"/{language}/contribute/{kind}/", development(**changes))


def _receipt(response) -> str:
    assert response.status_code == 302, response.content[:2000]
    match = re.match(r"^/(\w\w)/contribute/status/([\w-]+)/\?new=1$", response["Location"])
    assert match, response["Location"]
    return match.group(2)


def test_a_visitor_sends_news_without_an_account_and_gets_a_receipt(
    client, mexico, alice, django_capture_on_commit_callbacks
):
    assert "Contribute" in client.get("/en/contribute/").text
    form = client.get("/en/contribute/development/")
    assert form.status_code == 200
    assert "How Focus keeps what you send" in form.text
    with django_capture_on_commit_callbacks(execute=True):
        code = _receipt(_send(client))
    assert len(code) >= 24
    receipt = client.get(f"/en/contribute/status/{code}/?new=1")
    assert receipt.status_code == 200
    assert "your contribution was received" in receipt.text
    assert "Received" in receipt.text and "Red de defensoras" not in receipt.text
    # Kept, but nothing is published: no development exists yet.
    contribution = Contribution.objects.get()
    assert contribution.status == Status.RECEIVED
    assert contribution.proposal["date"] == {"date": "2024-03-01", "precision": "month"}
    assert contribution.sources == [SOURCE]
    assert code not in contribution.receipt  # only a digest is stored
    assert not Development.objects.exists()
    # The editors are told, without a word about who sent it.
    assert len(mail.outbox) == 1 and mail.outbox[0].to == ["alice@example.org"]
    assert "Red de defensoras" not in mail.outbox[0].body
    review = f"http://127.0.0.1:8000/en/contribute/queue/{Contribution.objects.get().pk}/"
    assert review in mail.outbox[0].body
    assert client.get("/en/contribute/status/not-a-real-code/").status_code == 404


def test_the_receipt_opens_in_any_language(client, mexico):
    code = _receipt(_send(client, language="es"))
    page = client.get(f"/es/contribute/status/{code}/")
    assert "Recibido" in page.text or "recibid" in page.text.lower()
    assert Contribution.objects.get().language == "es"


@pytest.mark.parametrize(
    ("changes", "message"),
    [
        ({"sources": ""}, "Give at least one source."),
        ({"sources": "javascript:alert(1)"}, "is not a web address"),
        ({"date": "2024-13-45"}, "is not a date"),
        ({"date": ""}, "Give at least the year."),
        ({"country": "XXX"}, "Select a valid choice"),
        ({"summary": ""}, "This field is required."),
        ({"summary": "x" * 6000}, "at most 5000 characters"),
        ({"consent": None}, "This field is required."),
        ({"credit": "name", "name": ""}, "Give the name to credit"),
    ],
)
def test_bad_input_is_refused_with_a_message_and_nothing_is_lost(client, mexico, changes, message):
    response = _send(client, **changes)
    assert response.status_code == 400
    assert message in response.text
    assert "nothing you wrote is lost" in response.text
    if "summary" not in changes:  # what was typed is still in the form
        assert "The state congress adopted a protection law" in response.text
    assert not Contribution.objects.exists()


def test_script_in_a_contribution_is_never_run(client, mexico, editor):
    code = _receipt(_send(client, summary='<script>alert("x")</script> adopted'))
    contribution = Contribution.objects.get()
    review = editor.get(f"/en/contribute/queue/{contribution.pk}/")
    assert '<script>alert("x")</script>' not in review.text
    assert "&lt;script&gt;" in review.text
    assert code


def test_robots_that_fill_the_hidden_field_are_refused(client, mexico):
    response = _send(client, website="https://spam.example")
    assert response.status_code == 400
    assert not Contribution.objects.exists()


def test_a_flood_from_one_client_gets_429(client, mexico):
    statuses = [_send(client).status_code for _ in range(7)]
    assert statuses[:5] == [302] * 5
    assert statuses[5:] == [429, 429]
    # What was typed is in the form again, with the reason it was not kept.
    refused = _send(client, summary="A seventh piece of news.")
    assert refused.status_code == 429 and refused["Retry-After"] == "3600"
    assert "A seventh piece of news." in refused.text and "was not kept" in refused.text
    assert Contribution.objects.count() == 5
    # Another client is not stopped.
    other = Client(REMOTE_ADDR="192.0.2.7")
    assert _send(other).status_code == 302


def test_an_editor_accepts_it_and_it_appears_on_the_country_timeline(client, mexico, editor):
    code = _receipt(_send(client))
    contribution = Contribution.objects.get()
    queue = editor.get("/en/contribute/queue/")
    assert queue.status_code == 200
    assert "Waiting</a> (1)" in queue.text or "Waiting (1)" in queue.text
    review = editor.get(f"/en/contribute/queue/{contribution.pk}/")
    assert "The state congress adopted a protection law" in review.text
    assert client.get(f"/en/contribute/status/{code}/").text.count("Under review") == 1
    accepted = editor.post(
        f"/en/contribute/queue/{contribution.pk}/",
        {
            "action": "accept",
            "edit-development_type": "adopted",
            "edit-jurisdiction": mexico.pk,
            "edit-when": "2024-03",
            "edit-summary_en": "The state congress adopted a protection law for defenders.",
        },
    )
    assert accepted.status_code == 302
    created = Development.objects.get()
    assert created.date == dt.date(2024, 3, 1) and created.date_precision == "month"
    assert [s.url for s in created.sources.all()] == [SOURCE]
    timeline = client.get("/en/countries/mex/")
    assert "The state congress adopted a protection law" in timeline.text
    receipt = client.get(f"/en/contribute/status/{code}/")
    assert "It has been published" in receipt.text
    assert 'href="/en/countries/mex/#developments"' in receipt.text
    contribution.refresh_from_db()
    assert contribution.status == Status.PUBLISHED
    assert [d.action for d in contribution.decisions.all()] == [
        Action.RECEIVED,
        Action.OPENED,
        Action.ACCEPTED,
    ]
    # Decided once: a second accept changes nothing.
    again = editor.post(f"/en/contribute/queue/{contribution.pk}/", {"action": "accept"})
    assert again.status_code == 302 and Development.objects.count() == 1


def test_an_editor_edits_then_accepts(client, mexico, editor):
    _receipt(_send(client))
    contribution = Contribution.objects.get()
    law = InstrumentFactory(jurisdiction=mexico, slug="mex-law")
    editor.post(
        f"/en/contribute/queue/{contribution.pk}/",
        {
            "action": "accept",
            "edit-development_type": "adopted",
            "edit-jurisdiction": mexico.pk,
            "edit-instrument": law.pk,
            "edit-when": "2024-03-14",
            "edit-summary_en": "Congress adopted the law.",
            "edit-summary_es": "El congreso adoptó la ley.",
        },
    )
    created = Development.objects.get()
    assert created.instrument == law and created.summary_es == "El congreso adoptó la ley."
    assert contribution.decisions.last().action == Action.EDITED


def test_an_editor_declines_with_a_reason_the_contributor_reads(client, mexico, editor):
    code = _receipt(_send(client))
    contribution = Contribution.objects.get()
    no_reason = editor.post(
        f"/en/contribute/queue/{contribution.pk}/", {"action": "decline", "reason": ""}
    )
    assert no_reason.status_code == 400
    assert "Say why it is declined" in no_reason.text
    editor.post(
        f"/en/contribute/queue/{contribution.pk}/",
        {"action": "decline", "reason": "The source does not mention this law."},
    )
    receipt = client.get(f"/en/contribute/status/{code}/")
    assert "The source does not mention this law." in receipt.text
    assert not Development.objects.exists()


def test_marking_a_duplicate(client, mexico, editor):
    _receipt(_send(client))
    _receipt(_send(client))
    first, second = Contribution.objects.order_by("pk")
    editor.post(f"/en/contribute/queue/{second.pk}/", {"action": "duplicate", "original": first.pk})
    second.refresh_from_db()
    assert second.status == Status.DUPLICATE and second.duplicate_of == first
    third = Contribution.objects.get(pk=_receipt_pk(client))
    response = editor.post(
        f"/en/contribute/queue/{third.pk}/", {"action": "duplicate", "original": "1; DROP"}
    )
    assert response.status_code == 302  # a number it cannot read is no number: no 500
    third.refresh_from_db()
    assert third.status == Status.DUPLICATE and third.duplicate_of is None


def _receipt_pk(client) -> int:
    _receipt(_send(client))
    return Contribution.objects.latest("pk").pk


def test_only_editors_review(client, mexico, django_user_model):
    _receipt(_send(client))
    pk = Contribution.objects.get().pk
    assert client.get("/en/contribute/queue/").status_code == 302  # to sign in
    stranger = Client()
    stranger.force_login(django_user_model.objects.create_user("mallory", password="x" * 12))
    assert stranger.get("/en/contribute/queue/").status_code == 403
    assert stranger.post(f"/en/contribute/queue/{pk}/", {"action": "decline"}).status_code == 403


def test_a_correction_shows_its_diff_and_changes_the_record(client, mexico, editor):
    law = InstrumentFactory(
        jurisdiction=mexico, slug="mex-law", title_en="Law on defenders", reference="DOF 1"
    )
    page = client.get("/en/instruments/mex-law/")
    assert 'href="/en/contribute/?correct=instrument:mex-law"' in page.text
    form = client.get("/en/contribute/?correct=instrument:mex-law", follow=True)
    assert form.status_code == 200 and "Law on defenders" in form.text
    data = development()
    data.update(
        {
            "field_title_en": "Law for the Protection of Defenders",
            "field_reference": "DOF 1",
            "field_title_original": "",
            "field_issuing_authority": law.issuing_authority or "",
            "field_summary_en": law.summary_en or "",
            "explanation": "The official title is longer.",
        }
    )
    response = client.post("/en/contribute/correction/?correct=instrument:mex-law", data)
    code = _receipt(response)
    contribution = Contribution.objects.get()
    assert contribution.proposal["changes"] == {
        "title_en": {"from": "Law on defenders", "to": "Law for the Protection of Defenders"}
    }
    review = editor.get(f"/en/contribute/queue/{contribution.pk}/")
    assert "<del>Law on defenders</del>" in review.text
    assert "<ins>Law for the Protection of Defenders</ins>" in review.text
    editor.post(
        f"/en/contribute/queue/{contribution.pk}/",
        {"action": "accept", "edit-title_en": "Law for the Protection of Defenders"},
    )
    law.refresh_from_db()
    assert law.title_en == "Law for the Protection of Defenders"
    assert law.history.count() >= 2  # the old title is kept
    assert "published" in client.get(f"/en/contribute/status/{code}/").text


def test_a_correction_of_an_unknown_record_is_404(client):
    assert client.get("/en/contribute/correction/?correct=instrument:nope").status_code == 404
    assert client.get("/en/contribute/correction/?correct=bogus").status_code == 404


def test_a_new_instrument_is_created_only_on_acceptance(client, mexico, editor):
    data = development()
    data.update(
        {
            "instrument_type": "law",
            "title": "Ley de protección de personas defensoras del Estado",
            "reference": "Decreto 123",
            "date": "2023",
            "summary": "Creates a state protection mechanism.",
        }
    )
    code = _receipt(client.post("/en/contribute/instrument/", data))
    assert not Instrument.objects.exists()
    contribution = Contribution.objects.get()
    editor.post(
        f"/en/contribute/queue/{contribution.pk}/",
        {
            "action": "accept",
            "edit-instrument_type": "law",
            "edit-jurisdiction": mexico.pk,
            "edit-title_original": "Ley de protección de personas defensoras del Estado",
            "edit-reference": "Decreto 123",
            "edit-summary_en": "Creates a state protection mechanism.",
        },
    )
    law = Instrument.objects.get()
    assert law.slug == "mex-decreto-123"
    assert client.get(law.get_absolute_url()).status_code == 200
    assert law.get_absolute_url() in client.get(f"/en/contribute/status/{code}/").text


def test_editors_see_the_number_waiting_in_the_admin(client, mexico, editor):
    _receipt(_send(client))
    _receipt(_send(client))
    index = editor.get("/admin/")
    assert "2 contributions waiting for review" in index.text
    assert 'href="/en/contribute/queue/"' in index.text


def test_a_sent_file_is_never_served_and_joins_the_library_cleaned(
    client, mexico, editor, run_worker, django_capture_on_commit_callbacks
):
    data = development()
    data.update(
        {
            "title": "Informe sobre personas defensoras",
            "document_kind": "civil_society_report",
            "language": "es",
            "date": "2024",
            "url": "",
            "upload": SimpleUploadedFile("informe-de-maria.pdf", pdf_with_metadata()),
        }
    )
    code = _receipt(client.post("/en/contribute/document/", data))
    contribution = Contribution.objects.get()
    stored = contribution.upload.name
    assert "maria" not in stored  # named by its checksum
    # No address serves it: the library knows nothing of it yet.
    assert not Document.objects.exists()
    assert client.get(f"/media/{stored}").status_code == 404
    with django_capture_on_commit_callbacks(execute=True):
        editor.post(
            f"/en/contribute/queue/{contribution.pk}/",
            {
                "action": "accept",
                "edit-kind": "civil_society_report",
                "edit-title_es": "Informe sobre personas defensoras",
                "edit-jurisdictions": [mexico.pk],
                "edit-when": "2024",
            },
        )
    run_worker()
    document = Document.objects.get()
    file = document.files.get()
    assert file.metadata_removed and file.status == "ready"
    assert SECRET.encode() not in file.file.read()
    contribution.refresh_from_db()
    assert not contribution.upload  # the sent copy is gone
    assert document.get_absolute_url() in client.get(f"/en/contribute/status/{code}/").text


def test_a_refused_file_says_why(client, mexico):
    data = development()
    data.update(
        {
            "title": "Report",
            "document_kind": "publication",
            "language": "en",
            "upload": SimpleUploadedFile("report.pdf", b"MZ\x90\x00 not a pdf at all"),
        }
    )
    response = client.post("/en/contribute/document/", data)
    assert response.status_code == 400
    assert not Contribution.objects.exists()


def test_the_contributor_is_credited_as_they_chose(client, mexico, editor):
    _receipt(_send(client, credit="organisation", organisation="Red de defensoras"))
    _receipt(_send(client, credit="anonymous", organisation="Hidden org", summary="Second."))
    first, second = Contribution.objects.order_by("pk")
    for contribution, summary in [(first, "First news."), (second, "Second news.")]:
        editor.post(
            f"/en/contribute/queue/{contribution.pk}/",
            {
                "action": "accept",
                "edit-development_type": "adopted",
                "edit-jurisdiction": mexico.pk,
                "edit-when": "2024",
                "edit-summary_en": summary,
            },
        )
    page = client.get("/en/countries/mex/").text
    assert "Contributed by Red de defensoras" in page
    assert "Hidden org" not in page


def test_every_record_has_a_public_change_log(client, mexico, editor, alice):
    from focus.core.models import PublicName

    law = InstrumentFactory(jurisdiction=mexico, slug="mex-law", title_en="Law on defenders")
    _receipt(
        client.post(
            "/en/contribute/correction/?correct=instrument:mex-law",
            {
                **development(),
                "field_title_en": "Law for the Protection of Defenders",
                "field_reference": law.reference or "",
                "field_title_original": law.title_original or "",
                "field_issuing_authority": law.issuing_authority or "",
                "field_summary_en": law.summary_en or "",
                "explanation": "The official title is longer.",
            },
        )
    )
    contribution = Contribution.objects.get()
    editor.post(
        f"/en/contribute/queue/{contribution.pk}/",
        {"action": "accept", "edit-title_en": "Law for the Protection of Defenders"},
    )
    assert 'href="/en/changes/instrument/mex-law/"' in client.get("/en/instruments/mex-law/").text
    log = client.get("/en/changes/instrument/mex-law/").text
    assert "<del>Law on defenders</del>" in log
    assert "<ins>Law for the Protection of Defenders</ins>" in log
    assert "record created" in log
    assert "alice" not in log  # no name unless the editor chose one
    PublicName.objects.create(user=alice, name="Alice, Focus editor")
    assert "Alice, Focus editor" in client.get("/en/changes/instrument/mex-law/").text
    assert client.get("/en/changes/instrument/nope/").status_code == 404
    assert client.get("/en/changes/bogus/x/").status_code == 404


def test_a_correction_in_words_is_marked_published_once_applied(client, mexico, editor):
    data = {**development(), "explanation": "Mexico also has a 2022 state law in Jalisco."}
    code = _receipt(client.post("/en/contribute/correction/?correct=country:mex", data))
    contribution = Contribution.objects.get()
    review = editor.get(f"/en/contribute/queue/{contribution.pk}/")
    assert "mark as published" in review.text
    editor.post(f"/en/contribute/queue/{contribution.pk}/", {"action": "applied"})
    receipt = client.get(f"/en/contribute/status/{code}/").text
    assert "It has been published" in receipt and 'href="/en/countries/mex/"' in receipt


@pytest.mark.parametrize(
    ("language", "published"),
    [("en", "It has been published"), ("es", "Se ha publicado"), ("fr", "Elle a été publiée")],
)
def test_the_whole_path_in_each_language(client, mexico, editor, language, published):
    form = client.get(f"/{language}/contribute/development/")
    assert form.status_code == 200 and f'lang="{language}"' in form.text
    code = _receipt(_send(client, language=language))
    contribution = Contribution.objects.get()
    assert contribution.language == language
    review = editor.get(f"/{language}/contribute/queue/{contribution.pk}/")
    assert review.status_code == 200
    editor.post(
        f"/{language}/contribute/queue/{contribution.pk}/",
        {
            "action": "accept",
            "edit-development_type": "adopted",
            "edit-jurisdiction": mexico.pk,
            "edit-when": "2024-03",
            f"edit-summary_{language}": "The state congress adopted a protection law.",
        },
    )
    assert Development.objects.get().jurisdiction == mexico
    assert published in client.get(f"/{language}/contribute/status/{code}/").text
