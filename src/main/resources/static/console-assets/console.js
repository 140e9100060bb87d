// The console's few live parts, served from the jar (no inline script: the pages' CSP allows only 'self').
(function () {
  'use strict';
  // htmx's own requests (the list's refresh) carry the session's CSRF token, should one ever write
  document.addEventListener('htmx:configRequest', function (e) {
    var token = document.querySelector('meta[name="_csrf"]');
    if (token) { e.detail.headers['X-CSRF-TOKEN'] = token.content; }
  });
  document.addEventListener('DOMContentLoaded', function () {
    // canonical JSON: keys, strings, numbers and literals coloured, the text itself left as the server wrote it
    document.querySelectorAll('pre.json').forEach(function (pre) {
      var text = pre.textContent;
      var out = document.createDocumentFragment();
      var re = /("(?:\\.|[^"\\])*")(\s*:)?|(-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)|\b(true|false|null)\b/g;
      var last = 0, m;
      while ((m = re.exec(text)) !== null) {
        out.appendChild(document.createTextNode(text.slice(last, m.index)));
        var span = document.createElement('span');
        span.className = m[1] ? (m[2] ? 'k' : 's') : m[3] ? 'n' : 'b';
        span.textContent = m[1] || m[3] || m[4];
        out.appendChild(span);
        if (m[2]) { out.appendChild(document.createTextNode(m[2])); }
        last = re.lastIndex;
      }
      out.appendChild(document.createTextNode(text.slice(last)));
      pre.textContent = '';
      pre.appendChild(out);
    });
    // drag and drop onto the upload form
    var drop = document.querySelector('.drop');
    var input = document.getElementById('file');
    if (drop && input) {
      ['dragenter', 'dragover'].forEach(function (t) {
        drop.addEventListener(t, function (e) { e.preventDefault(); drop.classList.add('over'); });
      });
      ['dragleave', 'drop'].forEach(function (t) {
        drop.addEventListener(t, function () { drop.classList.remove('over'); });
      });
      drop.addEventListener('drop', function (e) {
        e.preventDefault();
        if (e.dataTransfer.files.length) {
          input.files = e.dataTransfer.files;
          document.getElementById('upload').submit();
        }
      });
    }
  });
})();
