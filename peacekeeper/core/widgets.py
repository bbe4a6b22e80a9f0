"""Form widgets that render what Django's render, without a template per option."""

from django import forms
from django.forms.utils import flatatt
from django.utils.html import format_html
from django.utils.safestring import SafeString, mark_safe


class PlainSelect(forms.Select):
    """Django's `Select`, the same HTML, built in Python.

    Django renders each option through two included templates; the log's filters (about 120 options in
    all) spent a third of the log page's time there, on every page a watch floor refreshes.
    """

    def render(
        self, name: str, value: object, attrs: dict | None = None, renderer: object = None
    ) -> SafeString:
        widget = self.get_context(name, value, attrs)["widget"]
        parts = [format_html('<select name="{}"{}>', widget["name"], flatatt(widget["attrs"]))]
        for group_name, options, _index in widget["optgroups"]:
            if group_name:
                parts.append(format_html('  <optgroup label="{}">', group_name))
            parts += [
                format_html(
                    '  <option value="{}"{}>{}</option>',
                    option["value"],
                    flatatt(option["attrs"]),
                    option["label"],
                )
                for option in options
            ]
            if group_name:
                parts.append("  </optgroup>")
        parts.append("</select>")
        return mark_safe("\n".join(parts))  # noqa: S308 (every part above is format_html's escaped output)
