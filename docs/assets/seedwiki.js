// seedwiki: page behaviour. Runs on every page load (Material's document$ also fires on instant loads).
document$.subscribe(function () {
  // The catalogue's table: select (or press Enter on) a column heading to sort by it.
  document.querySelectorAll(".sw-sortable").forEach(function (hint) {
    var next = hint.nextElementSibling;
    var table = next && (next.matches("table") ? next : next.querySelector("table"));
    if (table && !table.dataset.swSorted) {
      table.dataset.swSorted = "1";
      new Tablesort(table);
    }
  });
});
