// Automatic logoff on screen: when the server has ended an idle session, leave the page showing PHI.
// The server decides (it forgets a session after the idle limit); this only follows it.
(function () {
  var body = document.body;
  var seconds = Number(body.dataset.idleSeconds || 0);
  if (!seconds) { return; }
  var timer;
  function arm() {
    clearTimeout(timer);
    timer = setTimeout(function () { window.location.assign(body.dataset.idleUrl); }, (seconds + 2) * 1000);
  }
  document.addEventListener("htmx:afterRequest", arm);  // each request to the console restarts its clock
  arm();
})();
