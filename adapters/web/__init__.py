"""The web pages a person opens: sign-in, the vendor and platform dashboards, the module switches.

Server-rendered HTML (Jinja2 through Litestar's template engine) that shows every number without
JavaScript. The pages are a second face of the same services the JSON API calls: the identity is
the same signed token, carried in an HttpOnly cookie instead of a header (`session_cookie.py`), and
the same tenant rule guards them (`/dashboard` is for vendor users, `/admin` for admins).
"""
