from djangorestframework_camel_case.render import CamelCaseJSONRenderer as _CamelCaseJSONRenderer


class CamelCaseJSONRenderer(_CamelCaseJSONRenderer):
    """camelCase JSON; problem documents keep their own media type (set by the exception handler)."""

    charset = "utf-8"
