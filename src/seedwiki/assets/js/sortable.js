// seedwiki: the catalogue's table sorts by any column: select (or press Enter on) a column heading
// (tablesort, vendored, loaded before this script).
(function () {
  "use strict";
  var seedwiki = window.seedwiki;

  // What a cell sorts by, when not its text: dates read as dates ("23 January 2022") and sort by
  // their ISO form (the last, when a cell holds more than one); "undated" sorts as "0". Null: its text.
  function sortKey(cell) {
    if (cell.textContent === seedwiki.word("undated")) return "0";
    var times = cell.querySelectorAll("time[datetime]");
    return times.length ? times[times.length - 1].getAttribute("datetime") : null;
  }

  function sortCatalogue() {
    document.querySelectorAll(".sw-sortable").forEach(function (hint) {
      var next = hint.nextElementSibling;
      var table = next && (next.matches("table") ? next : next.querySelector("table"));
      if (table && !table.dataset.swSorted) {
        table.dataset.swSorted = "1";
        table.querySelectorAll("td").forEach(function (cell) {
          var key = sortKey(cell);
          if (key !== null) cell.setAttribute("data-sort", key);
        });
        new Tablesort(table);
      }
    });
  }

  seedwiki.onPage(sortCatalogue);

  seedwiki.sortable = { sortKey: sortKey, sortCatalogue: sortCatalogue };
})();
