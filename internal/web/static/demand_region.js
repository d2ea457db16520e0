// The demand form's region picker: without script the 区县 select lists every
// county grouped by 市(州); with it, a 市(州) select is shown and the second
// select keeps only the chosen city's group.
(function () {
  const city = document.getElementById("d-city"), region = document.getElementById("d-region");
  if (!city || !region) return;
  const groups = Array.from(region.querySelectorAll("optgroup"));
  function filter() {
    for (const g of groups) {
      const show = city.value === "" || g.dataset.city === city.value;
      g.hidden = !show;
      g.disabled = !show;
    }
    const chosen = region.selectedOptions[0];
    if (chosen && chosen.parentElement.disabled) region.value = "";
  }
  city.hidden = false;
  document.getElementById("d-city-label").hidden = false;
  city.addEventListener("change", filter);
  filter();
})();
