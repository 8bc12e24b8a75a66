/* The Print button: <button type="button" data-print> prints the page (static/css/print.css
 * gives the printout). Listening on the document serves every such button on every page.
 * No inline script: the Content Security Policy forbids it.
 */
(function () {
  "use strict";
  document.addEventListener("click", function (event) {
    var button = event.target.closest ? event.target.closest("[data-print]") : null;
    if (button) {
      event.preventDefault();
      window.print();
    }
  });
})();
