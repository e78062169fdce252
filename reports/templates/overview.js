// Sort the overview's tables and filter their rows (progressive enhancement: the page reads without it).
(function () {
  "use strict";
  var tables = Array.prototype.slice.call(document.querySelectorAll("table.sortable"));
  var filter = document.getElementById("filtre");
  if (!tables.length || !filter) { return; }
  var status = document.getElementById("filtre-statut");
  var fold = function (s) { return s.toLowerCase().normalize("NFD").replace(/[\u0300-\u036f]/g, ""); };
  filter.parentNode.hidden = false;
  filter.addEventListener("input", function () {
    var q = fold(filter.value);
    var shown = 0, total = 0;
    tables.forEach(function (table, t) {
      Array.prototype.forEach.call(table.tBodies[0].rows, function (row) {
        row.hidden = q !== "" && fold(row.textContent).indexOf(q) === -1;
        if (t === 0) { total += 1; if (!row.hidden) { shown += 1; } }
      });
    });
    status.textContent = shown + " / " + total;
  });
  tables.forEach(function (table) {
    var body = table.tBodies[0];
    var headers = table.tHead.rows[table.tHead.rows.length - 1].cells;
    Array.prototype.forEach.call(headers, function (th, index) {
      var button = document.createElement("button");
      button.type = "button";
      button.className = "sort";
      while (th.firstChild) { button.appendChild(th.firstChild); }
      th.appendChild(button);
      th.setAttribute("aria-sort", "none");
      button.addEventListener("click", function () {
        var ascending = th.getAttribute("aria-sort") !== "ascending";
        Array.prototype.forEach.call(headers, function (h) { h.setAttribute("aria-sort", "none"); });
        th.setAttribute("aria-sort", ascending ? "ascending" : "descending");
        var key = function (row) {
          var cell = row.cells[index];
          var text = cell ? cell.textContent.trim() : "";
          var number = parseFloat(text.replace(",", "."));
          return isNaN(number) ? text.toLowerCase() : number;
        };
        var rows = Array.prototype.slice.call(body.rows);
        rows.sort(function (a, b) {
          var x = key(a), y = key(b);
          var cmp = (typeof x === typeof y) ? (x < y ? -1 : x > y ? 1 : 0) : (typeof x === "number" ? -1 : 1);
          return ascending ? cmp : -cmp;
        });
        rows.forEach(function (row) { body.appendChild(row); });
      });
    });
  });
}());
