// nianbao web: drag and drop, the cell-origin panel, finding highlights.
// Everything from a report is put in the page with textContent, never as HTML.
(function () {
  "use strict";

  function el(tag, cls, text) {
    var e = document.createElement(tag);
    if (cls) e.className = cls;
    if (text !== undefined && text !== null) e.textContent = String(text);
    return e;
  }

  // -- upload page: drop zone --------------------------------------------------------------
  var drop = document.getElementById("drop");
  var input = document.getElementById("files");
  var chosen = document.getElementById("chosen");
  function showChosen() {
    if (!chosen || !input) return;
    var names = [];
    for (var i = 0; i < input.files.length; i++) names.push(input.files[i].name);
    chosen.textContent = names.length ? "已选择：" + names.join("、") : "";
  }
  if (drop && input) {
    ["dragenter", "dragover"].forEach(function (ev) {
      drop.addEventListener(ev, function (e) { e.preventDefault(); drop.classList.add("over"); });
    });
    ["dragleave", "drop"].forEach(function (ev) {
      drop.addEventListener(ev, function (e) { e.preventDefault(); drop.classList.remove("over"); });
    });
    drop.addEventListener("drop", function (e) {
      if (e.dataTransfer && e.dataTransfer.files.length) {
        input.files = e.dataTransfer.files;
        showChosen();
      }
    });
    input.addEventListener("change", showChosen);
  }

  // -- report page -------------------------------------------------------------------------
  var report = document.querySelector(".report[data-entry]");
  if (!report) return;
  var entry = report.getAttribute("data-entry");
  var origin = document.getElementById("origin");
  var form = document.getElementById("correct-form");
  var pathInput = document.getElementById("correct-path");
  var valueInput = document.getElementById("correct-value");

  function cellsFor(path) {
    return document.querySelectorAll('td.cell[data-path="' + CSS.escape(path) + '"]');
  }

  function renderSource(src) {
    if (!src) return el("p", "hint", "这个单元格没有记录来源位置（原文中为空，或没有读到）。");
    if (src.kind === "lines") {
      var pre = el("pre", "source");
      src.lines.forEach(function (l) {
        var span = el("span", l.n === src.line ? "hit" : "", String(l.n).padStart(5, " ") + "  " + l.text);
        pre.appendChild(span);
        pre.appendChild(document.createTextNode("\n"));
      });
      return pre;
    }
    if (src.kind === "page") {
      var wrap = el("div");
      var link = el("a");
      link.href = src.url;
      link.target = "_blank";
      link.rel = "noopener";
      var img = el("img", "page");
      img.src = src.crop_url || src.url;
      img.alt = "第 " + src.page + " 页，框出该单元格";
      link.appendChild(img);
      wrap.appendChild(link);
      wrap.appendChild(el("p", "hint", "第 " + src.page + " 页（红框为该单元格；点击图片看整页）"));
      return wrap;
    }
    if (src.kind === "grid") {
      var table = el("table", "list");
      src.rows.forEach(function (r) {
        var tr = el("tr", r.n === src.row ? "hit" : "");
        tr.appendChild(el("th", "", "行" + (r.n + 1)));
        r.cells.forEach(function (c, k) {
          tr.appendChild(el("td", r.n === src.row && k === src.col ? "hit" : "", c));
        });
        table.appendChild(tr);
      });
      var box = el("div");
      box.appendChild(el("p", "hint", "原文第 " + (src.table + 1) + " 个表格："));
      box.appendChild(table);
      return box;
    }
    return el("p", "hint", "");
  }

  function showOrigin(data) {
    origin.textContent = "";
    origin.appendChild(el("p", "label", data.label));
    var p = el("p");
    p.appendChild(document.createTextNode("值："));
    p.appendChild(el("strong", "", data.shown === "" ? "空" : data.shown));
    if (data.where) p.appendChild(document.createTextNode("，读自 " + data.where));
    if (data.provenance) p.appendChild(document.createTextNode("，原文“" + data.provenance.text + "”"));
    origin.appendChild(p);
    if (data.edited) {
      var old = data.edited.read === null ? "空" : data.edited.read;
      origin.appendChild(el("p", "good", "已更正：原读 " + old));
    }
    data.findings.forEach(function (f) {
      origin.appendChild(el("p", "badge sev-" + f.severity, "问题 " + f.number + "：" + f.message));
    });
    origin.appendChild(renderSource(data.source));
    pathInput.value = data.path;
    valueInput.value = data.shown;
    form.hidden = false;
  }

  function select(path) {
    document.querySelectorAll("td.selected").forEach(function (td) { td.classList.remove("selected"); });
    cellsFor(path).forEach(function (td) { td.classList.add("selected"); });
    origin.textContent = "读取中……";
    fetch("/api/reports/" + encodeURIComponent(entry) + "/cells/" + encodeURIComponent(path))
      .then(function (r) {
        if (!r.ok) return r.json().then(function (j) { throw new Error(j.detail || r.status); });
        return r.json();
      })
      .then(showOrigin)
      .catch(function (e) { origin.textContent = "无法读取：" + e.message; });
  }

  document.querySelectorAll("td.cell[data-path]").forEach(function (td) {
    td.addEventListener("click", function (e) {
      e.preventDefault();
      select(td.getAttribute("data-path"));
    });
  });

  document.querySelectorAll(".f-cells a[data-path]").forEach(function (a) {
    a.addEventListener("click", function (e) {
      e.preventDefault();
      e.stopPropagation();
      var path = a.getAttribute("data-path");
      var tds = cellsFor(path);
      if (tds.length) tds[0].scrollIntoView({ block: "center" });
      select(path);
    });
  });

  document.querySelectorAll(".finding[data-cells]").forEach(function (li) {
    li.addEventListener("click", function () {
      document.querySelectorAll("td.flash").forEach(function (td) { td.classList.remove("flash"); });
      document.querySelectorAll(".finding.active").forEach(function (x) { x.classList.remove("active"); });
      li.classList.add("active");
      var first = null;
      li.getAttribute("data-cells").split(" ").forEach(function (p) {
        if (!p) return;
        cellsFor(p).forEach(function (td) { td.classList.add("flash"); if (!first) first = td; });
      });
      if (first) first.scrollIntoView({ block: "center" });
    });
  });
})();
