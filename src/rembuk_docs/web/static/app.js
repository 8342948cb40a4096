// rembuk-docs web app: the few behaviours htmx does not cover. No inline scripts (CSP).
(function () {
  "use strict";
  // Pasal 44 note beside a signatory: follow the chosen role.
  document.addEventListener("change", function (event) {
    var select = event.target;
    if (!(select instanceof HTMLSelectElement) || !select.hasAttribute("data-role-select")) return;
    var box = select.closest(".person");
    var note = box && box.querySelector(".role-note");
    if (!note) return;
    var option = select.selectedOptions[0];
    note.textContent = (option && option.dataset.note) || note.dataset.default || "";
  });
  // Saving state in the top bar while a change is on its way.
  document.addEventListener("htmx:beforeRequest", function (event) {
    var state = document.getElementById("save-state");
    if (state && event.target && event.target.id === "section-form") {
      state.textContent = "Menyimpan…";
      state.className = "save-state saving";
    }
  });
  document.addEventListener("htmx:responseError", function (event) {
    var state = document.getElementById("save-state");
    if (state) {
      state.textContent = "Gagal menyimpan: " + (event.detail.xhr.status === 403 ? "muat ulang halaman" : "coba lagi");
      state.className = "save-state failed";
    }
  });
  document.addEventListener("htmx:sendError", function () {
    var state = document.getElementById("save-state");
    if (state) {
      state.textContent = "Server tidak terjangkau; isian terakhir belum tersimpan";
      state.className = "save-state failed";
    }
  });
})();
