from django import forms
from django.utils.translation import get_language
from django.utils.translation import gettext_lazy as _

from eubelong.core.l10n import country_name
from eubelong.core.locking import VersionedModelForm
from handbook.models import ThematicArea
from handbook.translation.lookup import translated_titles
from toolkit.models import Priority, StrategyCycle
from toolkit.selectors import shared_texts

from .cache import kept_choices
from .models import Level, RegionSharing
from .selectors import Filters


def _shared_choices() -> dict:
    """The filters' choices that are the network's, not the reader's: cycles, the newest
    published template's priorities and the thematic areas, labelled in the active language."""
    cycles = [(c.start_year, str(c)) for c in StrategyCycle.objects.order_by("-start_year")]
    newest = {}
    for pk, number, title in (
        Priority.objects.filter(template__published_at__isnull=False)
        .order_by("template__number", "number")
        .values_list("id", "number", "title")
    ):
        newest[number] = (pk, title)
    texts = shared_texts(priorities=[pk for pk, _title in newest.values()])
    priorities = sorted(
        (number, f"{number}. {texts.text('priority', pk, 'title', title)}")
        for number, (pk, title) in newest.items()
    )
    # Snapshots name areas by their English title; the label is in the reader's language.
    areas = dict(ThematicArea.objects.values_list("pk", "title"))
    labels = translated_titles("handbook.ThematicArea", areas)
    return {
        "cycles": cycles,
        "priorities": priorities,
        "areas": [(title, str(labels[pk])) for pk, title in areas.items()],
    }


class FilterForm(forms.Form):
    cycle = forms.TypedChoiceField(
        label=_("Strategy cycle"), required=False, coerce=int, empty_value=None
    )
    country = forms.ChoiceField(label=_("Country"), required=False)
    priority = forms.TypedChoiceField(
        label=_("Strategic priority"), required=False, coerce=int, empty_value=None
    )
    area = forms.ChoiceField(label=_("Thematic area"), required=False)
    drafts = forms.BooleanField(
        label=_("Include current drafts of regions I work in"), required=False
    )

    def __init__(self, data=None, *, countries=(), priority_required=False, **kwargs):
        super().__init__(data, **kwargs)
        shared = kept_choices(get_language() or "", _shared_choices)
        self.fields["cycle"].choices = [("", _("Most recent of each region"))] + shared["cycles"]
        self.fields["country"].choices = [("", _("All countries"))] + sorted(
            ((c, country_name(c)) for c in countries), key=lambda choice: choice[1]
        )
        priorities = shared["priorities"]
        if priority_required:
            self.fields["priority"].choices = priorities
        else:
            self.fields["priority"].choices = [("", _("All priorities"))] + priorities
        self.fields["area"].choices = [("", _("All thematic areas"))] + shared["areas"]

    def filters(self) -> Filters:
        self.is_valid()
        data = getattr(self, "cleaned_data", {})
        return Filters(
            cycle=data.get("cycle"),
            country=data.get("country") or "",
            priority=data.get("priority"),
            area=data.get("area") or "",
            drafts=bool(data.get("drafts")),
        )


class SharingForm(VersionedModelForm):
    class Meta:
        model = RegionSharing
        fields = ["shares_with_network"]


class AnswerForm(forms.Form):
    level = forms.TypedChoiceField(
        label=_("Answer"),
        choices=[("", _("Not answered"))] + list(Level.choices),
        coerce=int,
        empty_value=None,
        required=False,
        widget=forms.RadioSelect,
    )
    evidence = forms.CharField(
        label=_("Evidence note"), required=False, widget=forms.Textarea(attrs={"rows": 2})
    )
