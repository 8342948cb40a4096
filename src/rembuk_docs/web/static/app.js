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
    // beside each label: whether the field is printed for this role
    ["title_prefix", "title_suffix", "rank", "nip"].forEach(function (key) {
      var state = box.querySelector('.field[data-key="' + key + '"] .print-state');
      if (!state) return;
      var name = "print" + key.split("_").map(function (part) {
        return part.charAt(0).toUpperCase() + part.slice(1);
      }).join("");
      state.textContent = (option && option.dataset[name]) || "";
    });
  });
  // A file chooser says what was chosen, in Indonesian (the browser's own text may not be).
  document.addEventListener("change", function (event) {
    var input = event.target;
    if (!(input instanceof HTMLInputElement) || !input.classList.contains("file-input")) return;
    var shown = input.parentElement && input.parentElement.querySelector(".file-name");
    if (!shown) return;
    var files = input.files || [];
    shown.textContent = files.length === 0 ? input.dataset.empty || ""
      : files.length === 1 ? files[0].name : files.length + " berkas dipilih";
  });
  // Saving state in the top bar: "Menyimpan…" from the keystroke on (the save itself waits for
  // a pause in typing), "Tersimpan" once the server has the last change.
  var changes = 0, sent = 0;
  function saving() {
    var state = document.getElementById("save-state");
    if (state) {
      state.textContent = "Menyimpan…";
      state.className = "save-state saving";
    }
  }
  function typed(event) {
    var target = event.target;
    if (target instanceof Element && target.closest("#section-form")) {
      changes += 1;
      saving();
    }
  }
  document.addEventListener("input", typed);
  document.addEventListener("change", typed);
  document.addEventListener("htmx:beforeRequest", function (event) {
    if (event.target && event.target.id === "section-form") {
      sent = changes;
      saving();
    }
  });
  document.addEventListener("htmx:afterSettle", function () {
    if (changes > sent) saving();  // typed again while the last save was on its way
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
