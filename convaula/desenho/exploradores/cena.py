"""A base dos exploradores: um ``anywidget`` que recebe a cena em JSON e desenha no navegador.

Cada explorador tem a mesma forma: um estado (``tamanho.py``, ``canais.py``, ``par.py``,
``nucleos.py``: objetos simples, sem widgets, testados sem navegador) cujo método ``cena()``
devolve tudo o que se vê, já calculado (tamanhos por ``convaula.formulas``, a janela por
``convaula.janela``, os valores pelo torch), e um widget (``*_widget.py``) que é este
``Explorador`` com a figura estática do estado. O desenho, o ponteiro, o clique, o teclado e o
Play ficam no navegador (``js/cena.js``, módulo ES sem compilação); um parâmetro mudado vem do
navegador no traço ``pedido`` ({nome, valor}), vai a ``estado.mudar`` e volta como cena nova.

A saída guardada no notebook leva, além do widget, o resumo em ``text/plain`` e um
``text/html`` com a figura estática (PNG embutido, com texto alternativo), a legenda "figura
estática: execute a célula para interagir" e a cena em JSON, que o site do curso anima sem
kernel (``js/convaula_site.js``). O nbval compara os dois; o PNG embutido é trocado por um
marcador (``tests/nbval_sanitize.cfg``).
"""

from __future__ import annotations

import base64
import html
import json
from pathlib import Path

import anywidget
import traitlets

from .paineis import notacao, um_fio

__all__ = ["JS", "LEGENDA_ESTATICA", "Explorador", "compactar_passos", "pacote_estatico", "para_o_fio"]

JS = Path(__file__).parent / "js"
LEGENDA_ESTATICA = "figura estática: execute a célula para interagir"
LIMITE_SITE = 400_000  # caracteres de cena embutida no HTML; acima disso, só a figura estática


def compactar_passos(passos: list[dict]) -> dict:
    """Os passos em pouco espaço: painel → ``{"base", "desloc"}`` quando, em todo passo, a lista
    do painel é ``base[t] + desloc`` (a janela que só se desloca: conv2d, o núcleo inteiro), ou
    ``{"listas"}`` (``None`` onde o passo não acende o painel). ``js/cena.js`` refaz a lista.

    Em 03 com n = 16, k = 7, padding = 4 os passos caem de ~150 kB de JSON para ~3 kB.
    """
    compactos = {}
    for ident in sorted({i for passo in passos for i in passo}):
        listas = [passo.get(ident) for passo in passos]
        if all(listas) and len({len(lista) for lista in listas}) == 1:
            desloc = [k - listas[0][0] for k in listas[0]]
            if all(lista == [lista[0] + d for d in desloc] for lista in listas):
                compactos[ident] = {"base": [lista[0] for lista in listas], "desloc": desloc}
                continue
        compactos[ident] = {"listas": listas}
    return {"total": len(passos), "paineis": compactos}


def para_o_fio(cena: dict, fixas: dict | None = None) -> dict:
    """A cena como vai ao navegador: os passos compactados e, se ``fixas`` for dado, sem os dados
    das imagens fixas (que já estão em ``fixas``, enviadas uma vez só)."""
    fio = dict(cena)
    if "passos" in fio:
        fio["passos_compactos"] = compactar_passos(fio.pop("passos"))
    if fixas is not None:
        fio["paineis"] = [{k: v for k, v in p.items() if k != "dados"} if p.get("fixa") else p
                          for p in cena.get("paineis", [])]
    return fio


def pacote_estatico(cena: dict, texto: str, png: bytes, alt: str) -> dict:
    """``text/plain`` e o ``text/html`` com a figura (PNG embutido, com ``alt``), a legenda e a cena.

    Uma figura só, dentro do html (o site e o GitHub mostram o html): sem um ``image/png`` à
    parte, que apareceria em dobro ou no lugar da legenda.
    """
    dados = json.dumps(para_o_fio(cena), ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    atributo = f" data-convaula-cena=\"{html.escape(dados, quote=True)}\"" if len(dados) <= LIMITE_SITE else ""
    figura = (f"<figure class=\"convaula-estatica\"{atributo}>"
              f"<img src=\"data:image/png;base64,{base64.b64encode(png).decode()}\" alt=\"{html.escape(alt)}\">"
              f"<figcaption>{LEGENDA_ESTATICA}</figcaption></figure>")
    return {"text/plain": texto, "text/html": figura}


class Explorador(anywidget.AnyWidget):
    """O widget de todo explorador: ``estado`` (com ``mudar``, ``cena``, ``resumo``) e a cena.

    Atributos sincronizados: ``cena`` (Python → navegador; vai pelo fio como ``para_o_fio``: passos
    compactados, sem as imagens fixas), ``fixas`` (id do painel → dados da imagem que nenhum
    controle muda, enviada uma vez só) e ``pedido`` (navegador → Python: {"nome", "valor", "vez"}). ``pedir(nome, valor)`` faz do Python o que o navegador faz.
    As subclasses dão ``figura_estatica()`` (PNG do estado atual) e ``ALT``.
    """

    _esm = JS / "cena.js"
    _css = JS / "cena.css"
    cena = traitlets.Dict().tag(sync=True, to_json=lambda cena, _: para_o_fio(cena, {}))
    fixas = traitlets.Dict().tag(sync=True)
    pedido = traitlets.Dict().tag(sync=True)
    ALT = "Figura estática do explorador."

    def __init__(self, estado, **kwargs):
        super().__init__(**kwargs)
        self.estado = estado
        with um_fio():
            self._mostrar(estado.cena())

    def _mostrar(self, cena: dict) -> None:
        """Troca a cena; uma imagem fixa nova (ou mudada) vai antes, em ``fixas``."""
        fixas = {p["id"]: p["dados"] for p in cena.get("paineis", []) if p.get("fixa")}
        if any(self.fixas.get(ident) != dados for ident, dados in fixas.items()):
            self.fixas = {**self.fixas, **fixas}
        self.cena = cena

    @traitlets.observe("pedido")
    def _ao_pedido(self, mudanca) -> None:
        pedido = mudanca["new"]
        if "nome" in pedido:
            self.pedir(pedido["nome"], pedido["valor"])

    def pedir(self, nome: str, valor) -> None:
        """Um controle mudou: o estado recalcula (ou recusa, com a mensagem) e a cena volta."""
        with um_fio():
            try:
                self.estado.mudar(**{nome: valor})
            except (TypeError, ValueError) as erro:  # fora dos limites: a mensagem, nunca um traceback
                self.estado.mensagem = notacao(str(erro))
            self._mostrar(self.estado.cena())

    def figura_estatica(self) -> bytes:  # pragma: no cover - cada explorador implementa
        raise NotImplementedError

    def resumo(self) -> str:
        return self.estado.resumo()

    def __repr__(self) -> str:
        return self.resumo()

    def _repr_mimebundle_(self, **kwargs):
        pacote = super()._repr_mimebundle_(**kwargs)
        pacote = dict((pacote[0] if isinstance(pacote, tuple) else pacote) or {})
        alt = f"{self.ALT} {self.resumo()}"
        dados = pacote_estatico(self.cena, self.resumo(), self.figura_estatica(), alt)
        tipo = "application/vnd.jupyter.widget-view+json"
        if tipo in pacote:
            dados[tipo] = pacote[tipo]
        return dados
