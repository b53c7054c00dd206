"""The forms of learning labs: opening one, joining one from a phone, and contributing."""

from datetime import timedelta

from django import forms
from django.utils import timezone
from django.utils.translation import gettext_lazy as _

from eubelong.core.text import SingleLineField

from .models import CommentKind, LabParticipant

LONGEST_LAB = timedelta(days=7)
_LOCAL = "%Y-%m-%dT%H:%M"


class _When(forms.DateTimeField):
    widget = forms.DateTimeInput(attrs={"type": "datetime-local"}, format=_LOCAL)

    def __init__(self, **kwargs):
        super().__init__(input_formats=[_LOCAL, "%Y-%m-%d %H:%M"], **kwargs)


class LabOpenForm(forms.Form):
    title = SingleLineField(
        label=_("Name of the lab"),
        max_length=200,
        help_text=_("Participants see it when they join, for example “Learning lab, day 1”."),
    )
    starts_at = _When(label=_("Opens"))
    ends_at = _When(
        label=_("Closes"),
        help_text=_("The link stops working then. You can also close the lab earlier."),
    )

    def clean(self):
        data = super().clean()
        starts, ends = data.get("starts_at"), data.get("ends_at")
        if starts and ends:
            if ends <= starts:
                self.add_error("ends_at", _("The lab must close after it opens."))
            elif ends - starts > LONGEST_LAB:
                self.add_error("ends_at", _("A lab can be open for at most seven days."))
            elif ends <= timezone.now():
                self.add_error("ends_at", _("This time has passed: choose when the lab closes."))
        return data

    @classmethod
    def initial_for_now(cls) -> dict:
        now = timezone.localtime().replace(second=0, microsecond=0)
        return {"starts_at": now, "ends_at": now + timedelta(hours=8)}


class LabJoinForm(forms.ModelForm):
    class Meta:
        model = LabParticipant
        fields = ["name", "organisation", "sector", "email"]
        widgets = {"sector": forms.RadioSelect}
        labels = {"name": _("Your name"), "organisation": _("Your organisation")}
        help_texts = {
            "name": _("Others in the lab see it next to what you write."),
            "email": _(
                "Optional. Only if you want to be invited to keep working on the strategy "
                "after the lab."
            ),
        }

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["sector"].choices = [c for c in self.fields["sector"].choices if c[0] != ""]
        self.fields["name"].widget.attrs["autocomplete"] = "name"
        self.fields["organisation"].widget.attrs["autocomplete"] = "organization"
        self.fields["email"].widget.attrs["autocomplete"] = "email"


class LabContributionForm(forms.Form):
    kind = forms.ChoiceField(label=_("What you are adding"), widget=forms.RadioSelect)
    body = forms.CharField(
        label=_("Your text"), max_length=2000, widget=forms.Textarea(attrs={"rows": 3})
    )

    def __init__(self, *args, proposals: bool, **kwargs):
        super().__init__(*args, **kwargs)
        choices = [(CommentKind.COMMENT, _("A comment"))]
        if proposals:
            choices.append((CommentKind.PROPOSAL, _("A proposed text for this item")))
        self.fields["kind"].choices = choices
        self.fields["kind"].initial = CommentKind.COMMENT
