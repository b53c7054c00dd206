from django import forms
from django.conf import settings
from django.contrib import messages
from django.contrib.auth import get_user_model, login, password_validation
from django.http import Http404
from django.shortcuts import redirect, render
from django.urls import reverse
from django.utils.formats import date_format
from django.utils.timezone import localtime
from django.utils.translation import get_language, gettext_lazy
from django.utils.translation import gettext as _
from django.views.decorators.http import require_http_methods, require_POST, require_safe

from ..access import region_view
from ..models import Role
from ..roles import role_summaries
from ..selectors import invitation_for_region, open_invitations, region_members
from .services import (
    InvitationError,
    invitation_accept,
    invitation_accept_new_user,
    invitation_for_token,
    invitation_link,
    invitation_matches,
    invitation_resend,
    invitation_revoke,
    member_change_role,
    member_invite,
    member_remove,
    user_roles_in_region,
)

MANAGE = "manage_members"


class InvitationLanguageForm(forms.Form):
    """The language of the invitation email: the inviter's own by default."""

    language = forms.ChoiceField(
        label=gettext_lazy("Language of the invitation email"),
        required=False,
        help_text=gettext_lazy(
            "People who already have an account receive it in the language they chose."
        ),
    )

    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        self.fields["language"].choices = settings.LANGUAGES
        self.fields["language"].initial = (get_language() or settings.LANGUAGE_CODE).split("-")[0]


class InvitationNameMixin(forms.Form):
    """The invitee's name, as the region will see it; they can change it on accepting."""

    name = forms.CharField(
        label=gettext_lazy("Full name"),
        max_length=150,
        error_messages={"required": gettext_lazy("Enter the full name of the person to invite")},
        widget=forms.TextInput(attrs={"autocomplete": "off", "spellcheck": "false"}),
    )

    def clean_name(self):
        name = " ".join(self.cleaned_data["name"].split())
        if not name:
            raise forms.ValidationError(_("Enter the full name of the person to invite"))
        return name


class InviteForm(InvitationNameMixin, InvitationLanguageForm):
    email = forms.EmailField(label=gettext_lazy("Email address"))
    role = forms.ChoiceField(label=gettext_lazy("Role"), choices=Role.choices)
    field_order = ["name", "email", "role", "language"]


class RoleForm(forms.Form):
    role = forms.ChoiceField(label=gettext_lazy("New role"), choices=Role.choices)


class NewAccountForm(forms.Form):
    name = forms.CharField(
        label=gettext_lazy("Full name"),
        max_length=150,
        required=False,
        help_text=gettext_lazy("How other members of the region see you."),
        widget=forms.TextInput(attrs={"autocomplete": "name"}),
    )
    username = forms.CharField(label=gettext_lazy("User name"), max_length=150)
    password1 = forms.CharField(
        label=gettext_lazy("Password"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )
    password2 = forms.CharField(
        label=gettext_lazy("Password again"),
        widget=forms.PasswordInput(attrs={"autocomplete": "new-password"}),
    )

    def clean_username(self):
        username = self.cleaned_data["username"].strip()
        if get_user_model().objects.filter(username__iexact=username).exists():
            raise forms.ValidationError(_("That user name is taken."))
        return username

    def clean(self):
        data = super().clean()
        if data.get("password1") and data.get("password1") != data.get("password2"):
            self.add_error("password2", _("The two passwords differ."))
        elif data.get("password1"):
            user = get_user_model()(username=data.get("username", ""))
            try:
                password_validation.validate_password(data["password1"], user)
            except forms.ValidationError as error:
                self.add_error("password1", error)
        return data


def _members_url(region):
    return reverse("regions:members", kwargs={"region": region.slug})


def _member(region, username):
    user = (
        get_user_model()
        .objects.filter(username=username, groups__region_role__region=region)
        .distinct()
        .first()
    )
    if user is None:
        raise Http404
    return user


@require_safe
@region_view(MANAGE)
def members(request, region):
    invitations = list(open_invitations(region))
    for invitation in invitations:
        invitation.link = None if invitation.expired else invitation_link(invitation, request)
    return render(
        request,
        "regions/members/list.html",
        {
            "region": region,
            "members": region_members(region),
            "invitations": invitations,
            "roles": Role.choices,
            "role_summaries": role_summaries(),
        },
    )


@require_http_methods(["GET", "HEAD", "POST"])
@region_view(MANAGE)
def invite(request, region):
    form = InviteForm(request.POST or None)
    if request.method == "POST" and form.is_valid():
        member_invite(
            region=region,
            email=form.cleaned_data["email"],
            name=form.cleaned_data["name"],
            role=form.cleaned_data["role"],
            by=request.user,
            request=request,
            language=form.cleaned_data["language"],
        )
        messages.success(
            request,
            _("Invitation sent to %(email)s.") % {"email": form.cleaned_data["email"]},
        )
        return redirect(_members_url(region))
    return render(
        request,
        "regions/members/invite.html",
        {"region": region, "form": form, "role_summaries": role_summaries()},
        status=400 if form.errors else 200,
    )


@require_POST
@region_view(MANAGE)
def invitation_cancel(request, region, invitation):
    obj = invitation_for_region(region, invitation)
    if obj is None:
        raise Http404
    invitation_revoke(invitation=obj, by=request.user, request=request)
    messages.success(request, _("Invitation withdrawn."))
    return redirect(_members_url(region))


@require_POST
@region_view(MANAGE)
def invitation_send_again(request, region, invitation):
    obj = invitation_for_region(region, invitation)
    if obj is None or obj.accepted_at or obj.revoked_at:
        raise Http404
    renewed = invitation_resend(invitation=obj, by=request.user, request=request)
    if renewed.expires_at != obj.expires_at:
        text = _("Invitation sent again to %(email)s with a new link, valid until %(date)s.")
    else:
        text = _("Invitation sent again to %(email)s. The link is valid until %(date)s.")
    messages.success(
        request,
        text
        % {
            "email": obj.email,
            "date": date_format(localtime(renewed.expires_at), "DATETIME_FORMAT"),
        },
    )
    return redirect(_members_url(region))


@require_http_methods(["GET", "HEAD", "POST"])
@region_view(MANAGE)
def member_role(request, region, member):
    user = _member(region, member)
    current = user_roles_in_region(user=user, region=region)
    form = RoleForm(request.POST or None, initial={"role": current[-1] if current else None})
    if request.method == "POST" and form.is_valid():
        if user == request.user:
            messages.error(request, _("Ask another regional admin to change your own role."))
        else:
            member_change_role(
                region=region,
                user=user,
                role=form.cleaned_data["role"],
                by=request.user,
                request=request,
            )
            messages.success(request, _("Role changed."))
        return redirect(_members_url(region))
    return render(
        request,
        "regions/members/role.html",
        {"region": region, "member": user, "form": form, "current": current},
        status=400 if form.errors else 200,
    )


@require_http_methods(["GET", "HEAD", "POST"])
@region_view(MANAGE)
def member_delete(request, region, member):
    user = _member(region, member)
    if request.method == "POST":
        if user == request.user:
            messages.error(request, _("Ask another regional admin to remove you."))
        else:
            member_remove(region=region, user=user, by=request.user, request=request)
            messages.success(request, _("Member removed; their sessions have ended."))
        return redirect(_members_url(region))
    return render(request, "regions/members/remove.html", {"region": region, "member": user})


@require_http_methods(["GET", "HEAD", "POST"])
def invitation_accept_view(request, token):
    """Accept an invitation: a signed-in person takes the role; a newcomer creates an account."""
    try:
        invitation = invitation_for_token(token)
    except InvitationError:
        return render(request, "accounts/invitation_invalid.html", status=404)
    form = None
    if request.user.is_authenticated:
        if not invitation_matches(invitation, request.user):
            return render(
                request,
                "accounts/invitation_other_account.html",
                {"invitation": invitation},
                status=403,
            )
        if request.method == "POST":
            try:
                invitation_accept(token=token, user=request.user, request=request)
            except InvitationError:
                return render(request, "accounts/invitation_invalid.html", status=404)
            messages.success(request, _("Welcome to %(region)s.") % {"region": invitation.region})
            return redirect("regions:home", region=invitation.region.slug)
    else:
        form = NewAccountForm(request.POST or None, initial={"name": invitation.name})
        if request.method == "POST" and form.is_valid():
            try:
                user = invitation_accept_new_user(
                    token=token,
                    name=form.cleaned_data["name"],
                    username=form.cleaned_data["username"],
                    password=form.cleaned_data["password1"],
                    request=request,
                )
            except InvitationError:
                return render(request, "accounts/invitation_invalid.html", status=404)
            login(request, user, backend="django.contrib.auth.backends.ModelBackend")
            messages.success(request, _("Welcome to %(region)s.") % {"region": invitation.region})
            return redirect("regions:home", region=invitation.region.slug)
    return render(
        request,
        "accounts/invitation_accept.html",
        {"invitation": invitation, "form": form, "token": token},
        status=400 if form is not None and form.errors else 200,
    )
