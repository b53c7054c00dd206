from django.contrib.auth import views as auth_views
from django.urls import path, reverse_lazy

from eubelong.core.ratelimit import ratelimit

from .. import audit_views
from ..members import platform
from ..members.views import invitation_accept_view
from . import personal_data, resume, twofactor_views
from .profile import profile, profile_name
from .signin import PasswordChangeView, PasswordResetView, SignInView

app_name = "accounts"

urlpatterns = [
    # Per address, on top of the per-account lockout: slows one machine trying many accounts.
    path("login/", ratelimit("sign-in")(SignInView.as_view()), name="login"),
    path("logout/", auth_views.LogoutView.as_view(), name="logout"),
    path("profile/", profile, name="profile"),
    path("session/", resume.session_state, name="session-state"),
    path("signed-in-again/", resume.signed_in_again, name="signed-in-again"),
    path("profile/name/", profile_name, name="profile-name"),
    path(
        "password/change/",
        PasswordChangeView.as_view(),
        name="password_change",
    ),
    path(
        "password/change/done/",
        auth_views.PasswordChangeDoneView.as_view(),
        name="password_change_done",
    ),
    path(
        "password/reset/",
        PasswordResetView.as_view(),
        name="password_reset",
    ),
    path(
        "password/reset/sent/",
        auth_views.PasswordResetDoneView.as_view(),
        name="password_reset_done",
    ),
    path(
        "password/reset/<uidb64>/<token>/",
        auth_views.PasswordResetConfirmView.as_view(
            success_url=reverse_lazy("accounts:password_reset_complete")
        ),
        name="password_reset_confirm",
    ),
    path(
        "password/reset/complete/",
        auth_views.PasswordResetCompleteView.as_view(),
        name="password_reset_complete",
    ),
    path(
        "invitations/<str:token>/",
        invitation_accept_view,
        name="invitation-accept",
    ),
    path("two-factor/", twofactor_views.two_factor, name="two-factor"),
    path("two-factor/setup/", twofactor_views.two_factor_setup, name="two-factor-setup"),
    path("two-factor/verify/", twofactor_views.two_factor_verify, name="two-factor-verify"),
    path(
        "two-factor/recovery-codes/",
        twofactor_views.two_factor_recovery,
        name="two-factor-recovery",
    ),
    path("my-data/", personal_data.my_data, name="my-data"),
    path("audit/", audit_views.audit_all, name="audit"),
    path("platform/people/", platform.platform_people, name="platform-people"),
    path("platform/people/<str:member>/", platform.platform_person, name="platform-person"),
    path("platform/retention/", platform.platform_retention, name="platform-retention"),
]
