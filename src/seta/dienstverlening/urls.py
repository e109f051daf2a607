"""Web routes of dienstverlening. (Minimal for the compliance branch: the merge adds the DVO screens.)"""

from seta.dienstverlening import naleving_urls

app_name = "dienstverlening"
urlpatterns = [
    *naleving_urls.urlpatterns,
]
