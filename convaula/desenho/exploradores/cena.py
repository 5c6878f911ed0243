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

__all__ = ["JS", "LEGENDA_ESTATICA", "Explorador", "pacote_estatico"]

JS = Path(__file__).parent / "js"
LEGENDA_ESTATICA = "figura estática: execute a célula para interagir"
LIMITE_SITE = 400_000  # caracteres de cena embutida no HTML; acima disso, só a figura estática


def pacote_estatico(cena: dict, texto: str, png: bytes, alt: str) -> dict:
    """``text/plain`` e o ``text/html`` com a figura (PNG embutido, com ``alt``), a legenda e a cena.

    Uma figura só, dentro do html (o site e o GitHub mostram o html): sem um ``image/png`` à
    parte, que apareceria em dobro ou no lugar da legenda.
    """
    dados = json.dumps(cena, ensure_ascii=False, separators=(",", ":"), sort_keys=True)
    atributo = f" data-convaula-cena=\"{html.escape(dados, quote=True)}\"" if len(dados) <= LIMITE_SITE else ""
    figura = (f"<figure class=\"convaula-estatica\"{atributo}>"
              f"<img src=\"data:image/png;base64,{base64.b64encode(png).decode()}\" alt=\"{html.escape(alt)}\">"
              f"<figcaption>{LEGENDA_ESTATICA}</figcaption></figure>")
    return {"text/plain": texto, "text/html": figura}


class Explorador(anywidget.AnyWidget):
    """O widget de todo explorador: ``estado`` (com ``mudar``, ``cena``, ``resumo``) e a cena.

    Atributos sincronizados: ``cena`` (Python → navegador) e ``pedido`` (navegador → Python:
    {"nome", "valor", "vez"}). ``pedir(nome, valor)`` faz do Python o que o navegador faz.
    As subclasses dão ``figura_estatica()`` (PNG do estado atual) e ``ALT``.
    """

    _esm = JS / "cena.js"
    _css = JS / "cena.css"
    cena = traitlets.Dict().tag(sync=True)
    pedido = traitlets.Dict().tag(sync=True)
    ALT = "Figura estática do explorador."

    def __init__(self, estado, **kwargs):
        super().__init__(**kwargs)
        self.estado = estado
        with um_fio():
            self.cena = estado.cena()

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
            self.cena = self.estado.cena()

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
