// The demand form's industry suggestion: asks /api/v1/classify for the industries
// the title and description name, offers them and fills the first in.
document.getElementById("d-suggest").addEventListener("click", async function () {
  const text = document.getElementById("d-title").value + "\n" + document.getElementById("d-description").value;
  const out = document.getElementById("d-suggestion");
  try {
    const res = await fetch("/api/v1/classify", {method: "POST", headers: {"Content-Type": "application/json"}, body: JSON.stringify({text: text})});
    const body = await res.json();
    if (!res.ok) { out.textContent = body.error.message; return; }
    const list = document.getElementById("d-industries");
    list.replaceChildren();
    for (const name of body.industries) { const o = document.createElement("option"); o.value = name; list.appendChild(o); }
    if (body.industries.length > 0 && !document.getElementById("d-industry").value) document.getElementById("d-industry").value = body.industries[0];
    out.textContent = body.industries.length ? "推荐：" + body.industries.join("、") : "未能推荐行业，请手工填写";
  } catch (e) { out.textContent = "推荐服务暂不可用"; }
});
