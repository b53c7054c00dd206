"""Every step of a review leaves a readable entry in the region's audit log."""

import pytest
from django.urls import reverse

from regions.models import AuditEntry
from tests import factories as rf
from tests.reporting import factories as reporting
from toolkit import services
from toolkit.reporting import services as reporting_services

from . import factories

pytestmark = pytest.mark.django_db


def _log(client, region) -> str:
    return client.get(reverse("regions:audit", kwargs={"region": region.slug})).content.decode()


def test_it_logs_each_review_step_in_words(login, region, regional_admin):
    reviewer = rf.coordinator(first_name="Rosa Reviewer", username="rr-login")
    workplan = factories.workplan(region, by=regional_admin)
    factories.action(workplan)
    services.workplan_submit(workplan=workplan, by=regional_admin, message="First go.")
    services.workplan_withdraw(workplan=workplan, by=regional_admin)
    services.workplan_submit(workplan=workplan, by=regional_admin)
    services.review_assign(workplan=workplan, by=reviewer, reviewer=reviewer)
    services.workplan_request_changes(
        workplan=workplan, by=reviewer, message="Please add\nindicators to action 2."
    )
    services.workplan_submit(workplan=workplan, by=regional_admin)
    services.workplan_approve(workplan=workplan, by=reviewer, message="Well done.")
    services.workplan_start_revision(workplan=workplan, by=regional_admin)

    actions = list(
        AuditEntry.objects.filter(region=region, action__startswith="workplan.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "workplan.submitted",
        "workplan.withdrawn",
        "workplan.submitted",
        "workplan.assign",
        "workplan.changes_requested",
        "workplan.submitted",
        "workplan.approved",
        "workplan.revision",
    ]
    log = _log(login(regional_admin), region)
    for words in [
        "Workplan: submitted",
        "Workplan: withdrawn",
        "Workplan: reviewer assigned",
        "Workplan: changes requested",
        "Workplan: approved",
        "Workplan: new revision started",
        "Reviewer: Rosa Reviewer",
        "Message: Please add indicators to action 2.",
        "Message: Well done.",
        "Message: First go.",
        "Status: Submitted → Approved",
    ]:
        assert words in log, words
    for code in ["workplan.", "changes_requested", "Reviewer: rr-login", "{&#x27;", "Other event"]:
        assert code not in log, code


def test_it_logs_progress_reports_in_words(login, region, regional_admin, coordinator):
    report = reporting.report(region, by=regional_admin, coordinator=coordinator)
    reporting_services.report_submit(report=report, by=regional_admin)
    reporting_services.report_review(report=report, by=coordinator, accept=False, message="More.")
    reporting_services.report_submit(report=report, by=regional_admin)
    reporting_services.report_review(report=report, by=coordinator, accept=True)
    actions = list(
        AuditEntry.objects.filter(region=region, action__startswith="report.")
        .order_by("id")
        .values_list("action", flat=True)
    )
    assert actions == [
        "report.submitted",
        "report.changes_requested",
        "report.submitted",
        "report.accepted",
    ]
    log = _log(login(regional_admin), region)
    for words in [
        "Progress report: submitted",
        "Progress report: changes requested",
        "Progress report: accepted",
        "Message: More.",
        "Status: Submitted → Accepted",
    ]:
        assert words in log, words
