from flask import Response, request
from flask.views import MethodView

from rapport_shared.blueprint import Blueprint

from ..domain import taxonomy
from ..service_layer import matching
from ..service_layer import search as search_service
from .deps import cache_headers, unit_of_work
from .profile_schemas import MatchesOut, MatchIn, SpecialtyArgs, SpecialtyPage, TaxonomyOut

TAXONOMY_HEADERS = {"ETag": {"description": "changes exactly when the vocabulary does",
                             "schema": {"type": "string"}}}

blp = Blueprint("directory", __name__, url_prefix="/v1", description="Taxonomy, specialty pages and matching")


@blp.route("/taxonomy")
class Taxonomy(MethodView):
    @blp.response(200, TaxonomyOut, headers=TAXONOMY_HEADERS)
    @blp.alt_response(304, description="unchanged since the ETag sent in If-None-Match")
    def get(self):
        """The versioned vocabulary: issues, specialties, types of therapy, populations and age groups,
        identities, languages, insurers, license types, and the aliases of renamed terms."""
        headers = {"ETag": taxonomy.DOCUMENT_ETAG, "Cache-Control": "public, max-age=3600"}
        if request.if_none_match.contains_weak(taxonomy.DOCUMENT_ETAG.strip('"')):  # weak comparison, RFC 9110
            return Response(status=304, headers=headers)
        return taxonomy.DOCUMENT, 200, headers


@blp.route("/specialties/<slug>")
class Specialty(MethodView):
    @blp.arguments(SpecialtyArgs, location="query")
    @blp.response(200, SpecialtyPage)
    def get(self, args, slug):
        """A specialty page: its description and what published therapists say about their work on it."""
        return search_service.specialty_page(unit_of_work(), slug, args["limit"]), 200, cache_headers()


@blp.route("/matches")
class Matches(MethodView):
    @blp.arguments(MatchIn)
    @blp.response(200, MatchesOut)
    def post(self, body):
        """Match a client's concerns and preferences to a short ranked list with reasons (public)."""
        return matching.find_matches(unit_of_work(), body)
