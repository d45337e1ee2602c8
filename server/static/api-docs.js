// The JSON API's docs page: Swagger UI over the document this server generates. A file,
// not an inline script, so the page needs no 'unsafe-inline'.
const host = document.getElementById("swagger-ui");
window.ui = SwaggerUIBundle({ url: host.dataset.spec, dom_id: "#swagger-ui", deepLinking: true });
