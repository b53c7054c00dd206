"""Background work of accounts: mail that must not show in a request's timing."""

from celery import shared_task
from django.utils import translation

from eubelong.core.mail import MAIL_TASK_OPTIONS

from .forms import PasswordResetForm


@shared_task(name="regions.password_reset_send", **MAIL_TASK_OPTIONS)
def password_reset_send(*, email: str, domain: str, use_https: bool, language: str) -> None:
    """Send the reset link to every active account with `email`, if there is any.

    The page answers the same for every address; whether a message goes out is decided here."""
    form = PasswordResetForm({"email": email})
    if not form.is_valid():
        return
    with translation.override(language):
        form.save(
            domain_override=domain,
            use_https=use_https,
            email_template_name="registration/password_reset_email.txt",
            subject_template_name="registration/password_reset_subject.txt",
        )
