// Os exploradores no site do curso, sem kernel: a cena que o notebook guardou (no atributo
// data-convaula-cena da figura estática) é desenhada por cena.js com um modelo local. O ponteiro,
// o clique, as setas e o Play funcionam; um parâmetro mudado mostra "rode o notebook para mudar
// os parâmetros". Nada vem de fora do site.
import { render } from "./cena.js";

function montar(figura) {
  const cena = JSON.parse(figura.dataset.convaulaCena);
  const model = { site: true, get: (k) => (k === "cena" ? cena : {}), set() {}, save_changes() {}, on() {} };
  const destino = document.createElement("div");
  destino.className = "convaula-site";
  figura.before(destino);
  render({ model, el: destino });
  figura.querySelector("img").hidden = true;
  figura.querySelector("figcaption").textContent =
    "sem kernel: o ponteiro, o clique e os passos funcionam; rode o notebook para mudar os parâmetros";
}

function montarTodos() {
  for (const figura of document.querySelectorAll("figure.convaula-estatica[data-convaula-cena]")) {
    try { montar(figura); } catch (erro) { console.error("convaula: explorador não montado", erro); }
  }
}

if (document.readyState === "loading") document.addEventListener("DOMContentLoaded", montarTodos);
else montarTodos();
