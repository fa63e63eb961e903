"""{% public_materials contribution as files %}: the public files to list under a contribution on cached pages."""

from django import template

from rendezvous.core.rendering import once_per_render
from rendezvous.programme import cache as programme_cache

register = template.Library()

# The cached programme body is rendered once for everybody, so it lists public files only. The lookup for the
# whole edition is made once per render and kept on the render's root context, not once per contribution.
_MEMO = "programme_materials.public_by_contribution"


@register.simple_tag(takes_context=True)
def public_materials(context, contribution):
    edition = context.get("edition")
    if edition is None:
        return []
    listed = once_per_render(context, _MEMO, lambda: programme_cache.public_materials_by_contribution(edition))
    return listed.get(contribution.pk, [])
