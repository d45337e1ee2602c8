// Progressive enhancement of the query page: YASGUI replaces the form (which keeps working
// without JavaScript). Everything talks to this server only: the endpoint, the prefixes
// for completion (the ones the endpoint declares), and result IRIs link to pages here.
(function () {
  "use strict";
  var host = document.getElementById("yasgui");
  var textarea = document.getElementById("query");
  if (!host || !textarea || typeof window.Yasgui === "undefined") return;

  var endpoint = new URL(host.dataset.endpoint, location.href).href;
  var namespace = host.dataset.namespace;
  var ontology = host.dataset.ontology;
  var site = host.dataset.site || "";

  // Only completers that ask nothing of other sites (the class and property completers
  // would query LOV); prefixes come from this server.
  var Yasqe = window.Yasgui.Yasqe;
  Yasqe.defaults.autocompleters = ["prefixes", "variables"];
  Yasqe.defaults.prefixCcApi = new URL(host.dataset.prefixes, location.href).href;

  // Result tables: IRIs open here (they are relinked to their pages below), and cells
  // wrap instead of being cut to an ellipsis that hides the codes.
  var Yasr = window.Yasgui.Yasr;
  if (Yasr.plugins && Yasr.plugins.table) Yasr.plugins.table.defaults.openIriInNewWindow = false;
  var Tab = window.Yasgui.Tab;
  var tabDefaults = Tab.getDefaults;
  Tab.getDefaults = function (yasgui) {
    var defaults = tabDefaults.call(Tab, yasgui);
    defaults.yasr.settings.pluginsConfig = { table: { isEllipsed: false } };
    return defaults;
  };

  host.hidden = false;
  var yasgui = new window.Yasgui(host, {
    requestConfig: { endpoint: endpoint, method: "POST" },
    endpointCatalogueOptions: { getData: function () { return [{ endpoint: endpoint }]; } },
    copyEndpointOnNewTab: true,
    populateFromUrl: false,
    persistenceId: null,
    autofocus: false,
    yasqe: Object.assign({}, Yasqe.defaults, {
      autocompleters: ["prefixes", "variables"],
      prefixCcApi: Yasqe.defaults.prefixCcApi,
      resizeable: true,
      editorHeight: "18rem"
    }),
    yasr: Object.assign({}, window.Yasgui.Yasr.defaults, { defaultPlugin: "table" })
  });
  document.documentElement.classList.add("enhanced");

  function tab() { return yasgui.getTab(); }
  function yasqe() { return tab().getYasqe(); }

  // An IRI of ours → its page here (what the server-rendered table links to as well).
  function localHref(iri) {
    var path = null, base = iri.split("#")[0], fragment = iri.slice(base.length);
    if (base === ontology || base.indexOf(ontology + "/") === 0) {
      path = "/ontology" + base.slice(ontology.length);
      if (path === "/ontology/") path = "/ontology";
    } else if (base.indexOf(namespace) === 0) {
      path = "/" + base.slice(namespace.length);
    }
    if (path === null) return null;
    if (path === "/sparql" || path.indexOf("/dumps/") === 0) return site + path;
    return site + path.replace(/\/$/, "") + ".html" + fragment;
  }
  function relink(root) {
    root.querySelectorAll("a[href]").forEach(function (a) {
      var local = localHref(a.getAttribute("href"));
      if (local) {
        a.setAttribute("href", local);
        a.removeAttribute("target");
      }
    });
  }
  new MutationObserver(function () { relink(host); }).observe(host, { childList: true, subtree: true });

  // Download links follow the query in the editor: its text, and the formats its kind of
  // answer has (a SELECT's results are not Turtle; a CONSTRUCT's graph is not CSV).
  var downloads = document.getElementById("downloads");
  var formats = document.getElementById("download-formats");
  function updateDownloads() {
    var query = encodeURIComponent(yasqe().getValue());
    var type = (yasqe().getQueryType() || "SELECT").toUpperCase();
    var kind = type === "CONSTRUCT" || type === "DESCRIBE" ? "graph" : "results";
    var links = Array.prototype.filter.call(formats.content.querySelectorAll("a"), function (a) {
      return a.dataset.kind === kind;
    });
    downloads.textContent = downloads.dataset.label + " ";
    links.forEach(function (template, index) {
      var a = template.cloneNode(true);
      a.href = endpoint + "?query=" + query + "&format=" + a.dataset.format;
      downloads.appendChild(a);
      if (index < links.length - 1) downloads.appendChild(document.createTextNode(" · "));
    });
  }

  function setQuery(text, run) {
    yasqe().setValue(text);
    updateDownloads();
    if (run) yasqe().query();
  }

  // The examples: "load" puts one in the editor, "run" runs it too, without leaving the page.
  document.querySelectorAll(".examples li[data-query]").forEach(function (li) {
    li.querySelectorAll("a.load, a.run").forEach(function (a) {
      a.addEventListener("click", function (event) {
        event.preventDefault();
        setQuery(li.dataset.query, a.classList.contains("run"));
        document.querySelectorAll(".examples li.current").forEach(function (c) { c.classList.remove("current"); });
        li.classList.add("current");
        host.scrollIntoView({ block: "start" });
      });
    });
  });

  yasqe().on("change", updateDownloads);
  // The URL keeps the query that ran, so a reload or a shared link shows the same.
  yasqe().on("query", function () {
    var url = new URL(location.href);
    url.searchParams.set("query", yasqe().getValue());
    url.searchParams.delete("example");
    history.replaceState(null, "", url);
  });

  setQuery(textarea.value, host.dataset.run === "yes");
})();
