// Swagger UI for all three services. The specs are fetched through the gateway (same origin),
// so "Try it out" calls go through it too, with its routing, rate limits and request ids.
window.addEventListener("load", function () {
  window.ui = SwaggerUIBundle({
    urls: [
      { name: "profiles", url: "/openapi/profiles.json" },
      { name: "booking", url: "/openapi/booking.json" },
      { name: "billing", url: "/openapi/billing.json" },
    ],
    "urls.primaryName": "profiles",
    dom_id: "#swagger-ui",
    deepLinking: true,
    // The default validator badge would send each spec to an online validator.
    validatorUrl: null,
    presets: [SwaggerUIBundle.presets.apis, SwaggerUIStandalonePreset],
    plugins: [SwaggerUIBundle.plugins.DownloadUrl],
    // StandaloneLayout has the top bar, whose selector switches between the specs.
    layout: "StandaloneLayout",
  });
});
