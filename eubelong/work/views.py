"""The home page: "My work", what each person should do next, by the roles they hold."""

from django.shortcuts import render
from django.views.decorators.http import require_safe

from eubelong.notify.registry import title_of
from eubelong.notify.selectors import latest_unread
from regions.models import Role
from regions.selectors import first_user_regions, roles_of
from toolkit.reporting.selectors import next_deadline
from toolkit.selectors import work

REGIONS_SHOWN = 12


@require_safe
def home(request):
    if not request.user.is_authenticated:
        return render(request, "regions/welcome.html")
    user = request.user
    roles = roles_of(user)
    context = {"roles": roles}
    if roles & {Role.EDITOR, Role.ADMIN}:
        context.update(
            workplans=work.workplans_to_edit(user),
            open_notes=work.open_notes_to_answer(user),
            proposals=work.proposals_to_decide(user),
            deadline=next_deadline(user),
        )
    if roles & {Role.CONTRIBUTOR, Role.EDITOR, Role.ADMIN}:
        context["contributions"] = work.my_contributions(user)
    if "coordinator" in roles:
        cycle = work.current_cycle()
        context.update(
            queue=work.review_queue(user),
            decided=work.recently_decided(user),
            cycle=cycle,
            not_submitted=work.regions_not_submitted(user, cycle),
        )
    regions = first_user_regions(user, REGIONS_SHOWN + 1)
    context.update(
        regions=regions[:REGIONS_SHOWN],
        more_regions=len(regions) > REGIONS_SHOWN,
        notices=[{"notice": n, "title": title_of(n.kind, n.params)} for n in latest_unread(user)],
    )
    return render(request, "work/home.html", context)
