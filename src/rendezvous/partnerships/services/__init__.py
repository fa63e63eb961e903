"""Rules of the partnership hub, in two parts that share nothing but the people and the region filters:

- calls and applications: `calls` (finding programmes, stages and deadlines, announcements), `applications`
  (submitting and editing within the budgets), `review` (scores, selection within the budgets, results);
- connecting stakeholders: `following` (follows, followers, invitations), `board` (the partners-wanted board), `feed`
  (a person's profile and calendar feed), with `people` (how a person appears) and `relay` (daily limits on mail).

Who may do what is in `partnerships.permissions`; every service acting for a person calls its `require_...` there.
The names below are those the one-module `services` offered, so `from rendezvous.partnerships import services` and
`services.submit_application(...)` keep working.
"""

from ..permissions import (
    approved_registration,
    can_view_application,
    has_call_role,
    is_representative,
    is_reviewer,
    is_selecting_officer,
    owning_organisations,
    represented_organisations,
)
from ..permissions import require_view_application as require_view
from .applications import (
    MAX_ATTACHMENT_BYTES,
    RequestedResources,
    check_attachment,
    check_eligibility,
    check_requests,
    submit_application,
    update_application,
    visible_applications,
)
from .board import (
    POST_LIFETIME_DAYS,
    POSTS_PER_PAGE,
    contact_author,
    create_post,
    find_posts,
    live_posts,
    post_defaults,
    report_post,
    sender_description,
    update_post,
    withdraw_post,
)
from .calls import (
    STAGE_CLOSED,
    CallState,
    announcements_by_contribution,
    call_state,
    closed_message,
    find_programmes,
    local_deadline,
    open_stage,
    public_calls,
    reader_timezone,
    require_stage_open,
    stated_deadline,
    submission_stage,
)
from .errors import HubError
from .feed import feed_token, followed_calls, profile_of, update_profile, user_for_feed
from .following import Follower, FollowerList, follow, follow_of, followers_of, invite_follower, unfollow
from .people import PersonCard, person_card
from .regions import countries_in_region, region_choices
from .relay import BOARD_CONTACTS_PER_DAY, INVITATIONS_PER_DAY
from .representation import (
    TakingPart,
    decide_representation,
    eligibility_text,
    find_organisations,
    ineligibility,
    request_representation,
    taking_part,
)
from .review import budgets_of, candidates_of, propose, publish_results, score_application, select_applications

__all__ = [
    "BOARD_CONTACTS_PER_DAY",
    "INVITATIONS_PER_DAY",
    "MAX_ATTACHMENT_BYTES",
    "POSTS_PER_PAGE",
    "POST_LIFETIME_DAYS",
    "STAGE_CLOSED",
    "CallState",
    "call_state",
    "reader_timezone",
    "stated_deadline",
    "TakingPart",
    "decide_representation",
    "eligibility_text",
    "find_organisations",
    "ineligibility",
    "request_representation",
    "taking_part",
    "Follower",
    "FollowerList",
    "HubError",
    "PersonCard",
    "RequestedResources",
    "announcements_by_contribution",
    "approved_registration",
    "budgets_of",
    "can_view_application",
    "candidates_of",
    "check_attachment",
    "check_eligibility",
    "check_requests",
    "closed_message",
    "contact_author",
    "countries_in_region",
    "create_post",
    "feed_token",
    "find_posts",
    "find_programmes",
    "follow",
    "follow_of",
    "followed_calls",
    "followers_of",
    "has_call_role",
    "invite_follower",
    "is_representative",
    "is_reviewer",
    "is_selecting_officer",
    "live_posts",
    "local_deadline",
    "open_stage",
    "owning_organisations",
    "person_card",
    "post_defaults",
    "report_post",
    "sender_description",
    "profile_of",
    "propose",
    "public_calls",
    "publish_results",
    "region_choices",
    "represented_organisations",
    "require_stage_open",
    "require_view",
    "score_application",
    "select_applications",
    "submission_stage",
    "submit_application",
    "unfollow",
    "update_application",
    "update_post",
    "update_profile",
    "user_for_feed",
    "visible_applications",
    "withdraw_post",
]
