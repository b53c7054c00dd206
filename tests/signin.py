"""The one way tests sign someone in past the second factor, as a complete sign-in leaves them."""

from django_otp import DEVICE_ID_SESSION_KEY
from django_otp.plugins.otp_totp.models import TOTPDevice

from regions.accounts.twofactor import OTP_REQUIRED_SESSION_KEY


def pass_second_factor(client, user, *, required: bool | None = None) -> None:
    """Mark `client`'s session as verified with a confirmed authenticator of `user` (made when
    the user has none). `required=True` marks the session as one that needed the second
    factor, as every session does in production; by default the flag sign-in set is kept."""
    session = client.session
    if required is not None:
        session[OTP_REQUIRED_SESSION_KEY] = required
    if session.get(OTP_REQUIRED_SESSION_KEY):
        device = TOTPDevice.objects.filter(user=user, confirmed=True).first()
        if device is None:
            device = TOTPDevice.objects.create(user=user, name="test", confirmed=True)
        session[DEVICE_ID_SESSION_KEY] = device.persistent_id
    session.save()
