// Runs before the app's entry module (deferred, placed ahead of it, no imports): for the page being opened
// it announces the route's chunks and stylesheets and starts its GETs (the session, the page's own data), which the
// app's HTTP client takes over (`takeEarly` in src/api/http.ts) instead of asking again once the router has run.
// The routes come from the build (`earlyRoutes` in vite.config.ts) as JSON in index.html.
;(function () {
  var el = document.getElementById('sf-early')
  if (!el || !window.fetch) return
  var cfg = JSON.parse(el.textContent)
  var early = (window.__sfEarly = window.__sfEarly || {})
  function link(rel, href, as) {
    var l = document.createElement('link')
    l.rel = rel
    l.href = href
    l.crossOrigin = ''
    if (as) l.as = as
    document.head.appendChild(l)
  }
  function get(url) {
    early[url] = { at: Date.now(), res: fetch(url, { credentials: 'same-origin', headers: { Accept: 'application/json, application/problem+json' } }) }
    early[url].res.catch(function () { delete early[url] })
  }
  for (var i = 0; i < cfg.routes.length; i++) {
    var route = cfg.routes[i]
    var m = new RegExp(route.path).exec(location.pathname)
    if (!m) continue
    if (cfg.session) get(cfg.session)
    route.api.forEach(function (a) { get(a.replace(/\$(\d)/g, function (_, n) { return m[n] })) })
    route.js.forEach(function (f) { link('modulepreload', f) })
    route.css.forEach(function (f) { link('preload', f, 'style') })
    return
  }
})()
