from django.utils.translation import gettext_lazy as _

from core.notifications import register

register(
    "scouting_consent_requested",
    _("%(actor)s asks your consent to list “%(series)s” for studio scouts."),
)
register(
    "scouting_consent_withdrawn",
    _("%(actor)s withdrew consent: “%(series)s” is no longer shown to studio scouts."),
)
register(
    "scouting_saved_search_digest",
    _("%(count)s new series match your saved search “%(name)s”: %(titles)s"),
)
register(
    "scouting_read_requested",
    _("%(actor)s of %(studio)s asks to read “%(series)s”."),
)
register(
    "scouting_read_accepted",
    _("%(actor)s accepted your studio's request to read “%(series)s”."),
)
register(
    "scouting_read_declined",
    _("%(actor)s declined your studio's request to read “%(series)s”."),
)
register(
    "scouting_read_nda_accepted",
    _("%(actor)s of %(studio)s accepted the NDA: the read of “%(series)s” is open."),
)
register(
    "scouting_read_revoked",
    _("%(actor)s ended your access to “%(series)s”."),
)
register(
    # Sent for the first view or download of a read each day, not for every page view.
    "scouting_read_opened",
    _("%(actor)s of %(studio)s is reading “%(series)s” today."),
)
register(
    "scouting_read_open",
    _("You may now read “%(series)s” for %(studio)s."),
)
register(
    "scouting_pitch_submitted",
    _("%(actor)s pitched “%(pitch)s” to your brief “%(brief)s”."),
)
register(
    "scouting_pitch_shortlisted",
    _("%(studio)s shortlisted your pitch “%(pitch)s” to “%(brief)s”."),
)
register(
    "scouting_pitch_declined",
    _("%(studio)s declined your pitch “%(pitch)s” to “%(brief)s”."),
)
register(
    "scouting_brief_matches",
    _("%(studio)s is looking for scripts like yours: “%(brief)s”."),
)
register(
    "scouting_offer_made",
    _("%(actor)s of %(studio)s made an offer for “%(series)s”."),
)
register(
    "scouting_offer_countered",
    _("%(actor)s proposed new terms in the offer of %(studio)s for “%(series)s”."),
)
register(
    "scouting_offer_accepted",
    _("%(actor)s accepted the terms of the offer of %(studio)s for “%(series)s”."),
)
register(
    "scouting_offer_declined",
    _("%(actor)s declined the offer of %(studio)s for “%(series)s”."),
)
register(
    "scouting_offer_withdrawn",
    _("%(actor)s withdrew the offer of %(studio)s for “%(series)s”."),
)
register(
    "scouting_deal_accepted",
    _("%(actor)s accepted the agreement between %(studio)s and the writers of “%(series)s”."),
)
register(
    "scouting_option_lapsed",
    _("The option of %(studio)s on “%(series)s” has lapsed: the series is free again."),
)
register(
    "scouting_option_exercised",
    _("%(studio)s exercised its option on “%(series)s”: its purchase is in force."),
)
register(
    "scouting_deal_delivered",
    _("%(actor)s delivered a draft of “%(series)s” to %(studio)s."),
)
register(
    "scouting_deal_feedback",
    _("%(actor)s of %(studio)s gave feedback on a draft of “%(series)s”."),
)
