// Shows only the fee inputs of the chosen method; without it every input shows
// and the server ignores those the method does not use.
(function () {
  var method = document.getElementById("ol-method");
  var then = document.getElementById("ol-then");
  if (!method) return;
  function show() {
    var m = method.value === "deferred" ? (then.value || "") : method.value;
    var want = {
      deferred: method.value === "deferred",
      fixed: m === "fixed",
      entry_royalty: m === "entry_royalty",
      royalty: m === "sales_royalty" || m === "profit_royalty" || m === "entry_royalty"
    };
    document.querySelectorAll("#ol-form [data-for]").forEach(function (el) {
      el.hidden = !want[el.getAttribute("data-for")];
    });
  }
  method.addEventListener("change", show);
  then.addEventListener("change", show);
  show();
})();
